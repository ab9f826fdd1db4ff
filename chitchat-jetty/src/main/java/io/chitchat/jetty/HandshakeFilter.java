package io.chitchat.jetty;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Guards {@code {base}/ws} ahead of Jetty's WebSocket upgrade: refuses a foreign {@code Origin} with 403 (the Jakarta
 * {@code Configurator.checkOrigin} cannot, as it is not given the {@code Host} to compare with) and every handshake
 * with 503 once the mount is shutting down.
 *
 * <p>Thread-safe.
 */
final class HandshakeFilter implements Filter {
    private static final Logger LOG = LoggerFactory.getLogger(HandshakeFilter.class);

    private final Mount mount;
    private final OriginPolicy origins;

    HandshakeFilter(Mount mount) {
        this.mount = mount;
        this.origins = new OriginPolicy(mount.options().allowedOrigins());
    }

    @Override
    public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain)
            throws IOException, ServletException {
        HttpServletRequest request = (HttpServletRequest) req;
        HttpServletResponse response = (HttpServletResponse) res;
        String origin = request.getHeader("Origin");
        if (!origins.allows(origin, request.getHeader("Host"))) {
            LOG.debug("Refused a WebSocket handshake from {} with foreign origin {}", request.getRemoteAddr(), origin);
            refuse(response, HttpServletResponse.SC_FORBIDDEN, "origin not allowed");
            return;
        }
        if (mount.isShuttingDown()) {
            refuse(response, HttpServletResponse.SC_SERVICE_UNAVAILABLE, "server shutting down");
            return;
        }
        chain.doFilter(req, res);
    }

    private static void refuse(HttpServletResponse response, int status, String message) throws IOException {
        response.setStatus(status);
        response.setContentType("text/plain;charset=utf-8");
        SecurityHeaders.apply(response);
        response.setHeader("Cache-Control", "no-store");
        response.getWriter().write(message + "\n");
    }
}
