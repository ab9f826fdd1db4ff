package io.chitchat.spi;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * What a transport knows about the handshake of a connection: the client's address (after trusted-proxy
 * resolution), HTTP headers (names lower-cased), cookies and query parameters. Transports without HTTP
 * (in-memory, TCP) pass empty maps.
 */
public record Handshake(String remoteAddress, Map<String, List<String>> headers, Map<String, String> cookies,
                        Map<String, List<String>> query) {

    public Handshake {
        Objects.requireNonNull(remoteAddress, "remoteAddress");
        TreeMap<String, List<String>> lower = new TreeMap<>();
        headers.forEach((k, v) -> lower.put(k.toLowerCase(Locale.ROOT), List.copyOf(v)));
        headers = Map.copyOf(lower);
        cookies = Map.copyOf(cookies);
        query = Map.copyOf(query);
    }

    /** A handshake with only an address, for transports without HTTP. */
    public static Handshake of(String remoteAddress) {
        return new Handshake(remoteAddress, Map.of(), Map.of(), Map.of());
    }

    /** The first value of a header (case-insensitive name), or null. */
    public String header(String name) {
        List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    /** The first value of a query parameter, or null. */
    public String queryParam(String name) {
        List<String> values = query.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }
}
