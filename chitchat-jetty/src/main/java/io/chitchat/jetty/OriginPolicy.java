package io.chitchat.jetty;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Collection;
import java.util.Locale;
import java.util.Set;

/**
 * Decides whether a WebSocket handshake's {@code Origin} may connect: a missing Origin (a non-browser client), the
 * page's own origin (the request's {@code Host}, whatever the scheme), or one of the allowed origins.
 *
 * <p>Immutable and thread-safe.
 */
final class OriginPolicy {
    static final String ANY = "*";

    private final Set<String> allowed;
    private final boolean any;

    OriginPolicy(Collection<String> allowedOrigins) {
        this.allowed = Set.copyOf(allowedOrigins);
        this.any = allowed.contains(ANY);
    }

    /**
     * @param origin the {@code Origin} header, or null
     * @param host the {@code Host} header, or null
     */
    boolean allows(String origin, String host) {
        if (origin == null || any) {
            return true;
        }
        String normalized = normalize(origin.trim());
        if (normalized == null) {
            return false;
        }
        if (allowed.contains(normalized)) {
            return true;
        }
        return host != null && sameHost(URI.create(normalized), host.trim());
    }

    /**
     * Compares the origin's host and port with the Host header's, ignoring the scheme (a TLS-terminating proxy
     * turns {@code https} pages into plain requests). A Host without a port stands for either default port.
     */
    private static boolean sameHost(URI origin, String host) {
        String hostName;
        int hostPort;
        int colon = host.lastIndexOf(':');
        if (colon > host.lastIndexOf(']')) {
            hostName = host.substring(0, colon);
            try {
                hostPort = Integer.parseInt(host.substring(colon + 1));
            } catch (NumberFormatException e) {
                return false;
            }
        } else {
            hostName = host;
            hostPort = -1;
        }
        if (!origin.getHost().equalsIgnoreCase(hostName)) {
            return false;
        }
        int originPort = origin.getPort();
        return hostPort == -1 ? originPort == 80 || originPort == 443 : originPort == hostPort;
    }

    /**
     * Normalises an origin to {@code scheme://host:port} (lower case, explicit port), or returns null if it is not
     * an http(s) origin without path, query or user info.
     */
    static String normalize(String origin) {
        URI uri;
        try {
            uri = new URI(origin);
        } catch (URISyntaxException e) {
            return null;
        }
        String scheme = uri.getScheme() == null ? null : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!"http".equals(scheme) && !"https".equals(scheme)) {
            return null;
        }
        if (uri.getHost() == null || uri.getRawUserInfo() != null || uri.getRawQuery() != null
                || uri.getRawFragment() != null || !(uri.getRawPath() == null || uri.getRawPath().isEmpty())) {
            return null;
        }
        int port = uri.getPort() != -1 ? uri.getPort() : scheme.equals("https") ? 443 : 80;
        return scheme + "://" + uri.getHost().toLowerCase(Locale.ROOT) + ":" + port;
    }
}
