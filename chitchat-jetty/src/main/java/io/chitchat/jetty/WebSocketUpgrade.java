package io.chitchat.jetty;

import io.chitchat.spi.Handshake;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletCoreRequest;
import org.eclipse.jetty.ee10.servlet.ServletCoreResponse;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.FutureCallback;
import org.eclipse.jetty.websocket.core.Configuration;
import org.eclipse.jetty.websocket.core.ExtensionConfig;
import org.eclipse.jetty.websocket.core.FrameHandler;
import org.eclipse.jetty.websocket.core.WebSocketComponents;
import org.eclipse.jetty.websocket.core.server.Handshaker;
import org.eclipse.jetty.websocket.core.server.ServerUpgradeRequest;
import org.eclipse.jetty.websocket.core.server.ServerUpgradeResponse;
import org.eclipse.jetty.websocket.core.server.WebSocketNegotiator;
import org.eclipse.jetty.websocket.core.server.WebSocketServerComponents;

/**
 * Upgrades a request at {@code {base}/ws} to a WebSocket on Jetty's core WebSocket API: captures the handshake
 * (client address after trusted proxies, headers, cookies, query), decides on permessage-deflate, and hands the
 * connection to a {@link JettyConnection}. Called by {@link HandshakeFilter} after its Origin and shutdown checks;
 * nothing is registered in the context's WebSocket mappings, so the application's own endpoints are left alone.
 *
 * <p>Thread-safe: one instance serves every handshake of a mount.
 */
final class WebSocketUpgrade {
    private final Mount mount;
    private final ClientAddresses addresses;
    private final Handshaker handshaker = Handshaker.newInstance();
    private final Configuration.Customizer defaults = configuration -> { };
    private volatile WebSocketComponents components;

    WebSocketUpgrade(Mount mount) {
        this.mount = mount;
        this.addresses = new ClientAddresses(mount.options().trustedProxies());
    }

    /** Finds (or creates) the server's shared WebSocket components; called when the context starts. */
    void start(ServletContextHandler context) {
        components = WebSocketServerComponents.ensureWebSocketComponents(context.getServer(), context);
    }

    /**
     * Upgrades the request if it is a WebSocket handshake; returns false, having written nothing, if it is not one.
     */
    boolean upgrade(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Request coreRequest = ServletCoreRequest.wrap(request);
        if (!handshaker.isWebSocketUpgradeRequest(coreRequest)) {
            return false;
        }
        Response coreResponse = ServletCoreResponse.wrap(coreRequest, response, false);
        Negotiator negotiator = new Negotiator(capture(request));
        FutureCallback done = new FutureCallback();
        if (!handshaker.upgradeRequest(negotiator, coreRequest, coreResponse, done, components, defaults)) {
            return false;
        }
        done.block();
        return true;
    }

    private Handshake capture(HttpServletRequest request) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (String name : Collections.list(request.getHeaderNames())) {
            headers.put(name, Collections.list(request.getHeaders(name)));
        }
        Map<String, List<String>> query = new LinkedHashMap<>();
        request.getParameterMap().forEach((name, values) -> query.put(name, List.of(values)));
        String client = addresses.resolve(request.getRemoteAddr(), values(headers, "X-Forwarded-For"));
        return new Handshake(client, headers, cookies(values(headers, "Cookie")), query);
    }

    /** Creates the connection's frame handler, with or without permessage-deflate. */
    private final class Negotiator implements WebSocketNegotiator {
        private final Handshake handshake;

        Negotiator(Handshake handshake) {
            this.handshake = handshake;
        }

        @Override
        public FrameHandler negotiate(ServerUpgradeRequest request, ServerUpgradeResponse response,
                                      Callback callback) {
            // left alone, Jetty would accept every extension offered that it has (fragment, identity, ...)
            List<ExtensionConfig> accepted = List.of();
            if (mount.options().perMessageDeflate()) {
                accepted = request.getExtensions().stream()
                        .filter(e -> e.getName().equalsIgnoreCase("permessage-deflate"))
                        .limit(1) // the client's first offer of it, with its parameters; Jetty negotiates those
                        .toList();
            }
            response.setExtensions(accepted);
            return new JettyConnection(mount.chat(), handshake, mount.supervisor(), mount.options().closeTimeout());
        }
    }

    /** The values of a header, whatever the case of its name in the map. */
    private static List<String> values(Map<String, List<String>> headers, String name) {
        List<String> values = new ArrayList<>();
        headers.forEach((key, v) -> {
            if (key.equalsIgnoreCase(name)) {
                values.addAll(v);
            }
        });
        return values;
    }

    /** Parses {@code Cookie} headers ({@code a=1; b="2"}); the first of two equal names wins. */
    static Map<String, String> cookies(List<String> cookieHeaders) {
        Map<String, String> cookies = new LinkedHashMap<>();
        for (String header : cookieHeaders) {
            for (String pair : header.split(";")) {
                int eq = pair.indexOf('=');
                if (eq <= 0) {
                    continue;
                }
                String name = pair.substring(0, eq).trim();
                String value = pair.substring(eq + 1).trim();
                if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
                    value = value.substring(1, value.length() - 1);
                }
                if (!name.isEmpty()) {
                    cookies.putIfAbsent(name, value);
                }
            }
        }
        return cookies;
    }
}
