package io.chitchat.jetty;

import io.chitchat.spi.Handshake;
import jakarta.websocket.Extension;
import jakarta.websocket.HandshakeResponse;
import jakarta.websocket.server.HandshakeRequest;
import jakarta.websocket.server.ServerEndpointConfig;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Captures each handshake (headers, cookies, query, client address) into the connection's user properties, decides
 * on permessage-deflate, and creates the endpoint. The Origin check is done by {@link HandshakeFilter}, ahead of the
 * upgrade: {@link #checkOrigin} receives only the Origin, not the Host it must be compared with.
 *
 * <p>Thread-safe: one instance serves every handshake of a mount.
 */
final class EndpointConfigurator extends ServerEndpointConfig.Configurator {
    static final String HANDSHAKE = "io.chitchat.jetty.handshake";
    /** Jetty puts the socket's peer address into the user properties under this name, before modifyHandshake. */
    private static final String JETTY_REMOTE_ADDRESS = "jakarta.websocket.endpoint.remoteAddress";

    private final Mount mount;
    private final ClientAddresses addresses;

    EndpointConfigurator(Mount mount) {
        this.mount = mount;
        this.addresses = new ClientAddresses(mount.options().trustedProxies());
    }

    @Override
    public boolean checkOrigin(String originHeaderValue) {
        return true; // decided by HandshakeFilter, which sees the Host header too
    }

    @Override
    public List<Extension> getNegotiatedExtensions(List<Extension> installed, List<Extension> requested) {
        return mount.options().perMessageDeflate() ? super.getNegotiatedExtensions(installed, requested) : List.of();
    }

    @Override
    public void modifyHandshake(ServerEndpointConfig config, HandshakeRequest request, HandshakeResponse response) {
        Map<String, Object> properties = config.getUserProperties();
        Map<String, List<String>> headers = request.getHeaders();
        String peer = peerAddress(properties.get(JETTY_REMOTE_ADDRESS));
        String client = addresses.resolve(peer, values(headers, "X-Forwarded-For"));
        properties.put(HANDSHAKE, new Handshake(client, headers, cookies(values(headers, "Cookie")),
                request.getParameterMap()));
    }

    @Override
    public <T> T getEndpointInstance(Class<T> endpointClass) {
        return endpointClass.cast(new ChitChatEndpoint(mount));
    }

    private static String peerAddress(Object address) {
        if (address instanceof InetSocketAddress inet) {
            return inet.getAddress() != null ? inet.getAddress().getHostAddress() : inet.getHostString();
        }
        return address instanceof SocketAddress other ? other.toString() : "unknown";
    }

    /** The values of a header, whatever the case of its name in the map. */
    private static List<String> values(Map<String, List<String>> headers, String name) {
        for (Map.Entry<String, List<String>> e : headers.entrySet()) {
            if (e.getKey().equalsIgnoreCase(name)) {
                return e.getValue();
            }
        }
        return List.of();
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
