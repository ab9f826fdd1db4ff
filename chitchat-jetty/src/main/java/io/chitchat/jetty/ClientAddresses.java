package io.chitchat.jetty;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Finds a client's address: the socket's peer, or, when the peer is a trusted proxy, the right-most hop of
 * {@code X-Forwarded-For} that is not a trusted proxy (hops to its left could have been written by the client).
 *
 * <p>Immutable and thread-safe.
 */
final class ClientAddresses {
    private final List<AddressRange> trusted;

    ClientAddresses(Collection<String> trustedProxies) {
        List<AddressRange> ranges = new ArrayList<>();
        trustedProxies.forEach(p -> ranges.add(AddressRange.parse(p)));
        this.trusted = List.copyOf(ranges);
    }

    /**
     * @param peer the socket's remote address (an IP literal; Jetty writes IPv6 in brackets, which are removed)
     * @param forwardedFor the values of every {@code X-Forwarded-For} header, in order (may be empty)
     */
    String resolve(String peer, List<String> forwardedFor) {
        String address = stripPort(peer);
        if (trusted.isEmpty() || forwardedFor.isEmpty() || !isTrusted(address)) {
            return address;
        }
        List<String> hops = new ArrayList<>();
        for (String header : forwardedFor) {
            for (String hop : header.split(",")) {
                if (!hop.isBlank()) {
                    hops.add(hop.trim());
                }
            }
        }
        String client = address;
        for (int i = hops.size() - 1; i >= 0; i--) {
            String hop = stripPort(hops.get(i));
            if (AddressRange.literal(hop) == null) {
                // garbage written by whoever is left of the last trusted proxy: believe that proxy instead
                return client;
            }
            client = hop;
            if (!isTrusted(hop)) {
                return hop;
            }
        }
        return client;
    }

    private boolean isTrusted(String address) {
        byte[] bytes = AddressRange.literal(address);
        if (bytes == null) {
            return false;
        }
        for (AddressRange range : trusted) {
            if (range.contains(bytes)) {
                return true;
            }
        }
        return false;
    }

    /** {@code 1.2.3.4:5678}, {@code [::1]:80} and {@code [::1]} lose port and brackets; bare IPv6 is kept whole. */
    private static String stripPort(String hop) {
        if (hop.startsWith("[")) {
            int end = hop.indexOf(']');
            return end > 0 ? hop.substring(1, end) : hop;
        }
        int colon = hop.indexOf(':');
        if (colon > 0 && colon == hop.lastIndexOf(':')) {
            return hop.substring(0, colon);
        }
        return hop;
    }
}
