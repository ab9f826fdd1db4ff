package io.chitchat.jetty;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.FilterConfig;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves {@code {base}/ws}: refuses a foreign {@code Origin} with 403 and, once the mount is shutting down, any other
 * request with 503, then upgrades the request to a WebSocket ({@link WebSocketUpgrade}). Both checks apply to any
 * request at that path; one that passes them and is not a WebSocket handshake goes on down the filter chain.
 *
 * <p>Thread-safe.
 */
final class HandshakeFilter implements Filter {
    private static final Logger LOG = LoggerFactory.getLogger(HandshakeFilter.class);

    private final Mount mount;
    private final OriginPolicy origins;
    private final WebSocketUpgrade upgrade;

    HandshakeFilter(Mount mount) {
        this.mount = mount;
        this.origins = new OriginPolicy(mount.options().allowedOrigins());
        this.upgrade = new WebSocketUpgrade(mount);
    }

    @Override
    public void init(FilterConfig config) {
        upgrade.start(ServletContextHandler.getServletContextHandler(config.getServletContext()));
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
        if (upgrade.upgrade(request, response) || response.isCommitted()) {
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
