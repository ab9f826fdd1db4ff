package io.chitchat.jetty;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * How the Jetty transport serves a {@link io.chitchat.ChitChat} engine: which browser origins may open a
 * WebSocket, which proxies are trusted to report the client's address, whether the web UI is served. The engine's
 * own limits (frame size, idle timeout, ping interval, outbound queue) come from its
 * {@link io.chitchat.ChitChatConfig}.
 *
 * <p>Immutable and thread-safe. Built with {@link #builder()}; {@link #defaults()} is the empty builder's result.
 *
 * @param allowedOrigins origins, besides the page's own (the {@code Host} of the request), whose pages may open a
 *     WebSocket; normalised to {@code scheme://host:port}; {@code "*"} allows every origin
 * @param trustedProxies addresses or CIDR ranges of reverse proxies whose {@code X-Forwarded-For} is believed
 * @param ui whether the web UI is served at {@code {base}/}
 * @param perMessageDeflate whether the permessage-deflate extension may be negotiated; off by default, because it
 *     compresses every frame once per recipient instead of sharing one encoded frame among all of them
 * @param closeTimeout how long a close handshake may take before the connection is aborted
 */
public record JettyOptions(Set<String> allowedOrigins, List<String> trustedProxies, boolean ui,
                           boolean perMessageDeflate, Duration closeTimeout) {

    public JettyOptions {
        allowedOrigins = Set.copyOf(new LinkedHashSet<>(allowedOrigins));
        trustedProxies = List.copyOf(trustedProxies);
        Objects.requireNonNull(closeTimeout, "closeTimeout");
        for (String origin : allowedOrigins) {
            if (!origin.equals(OriginPolicy.ANY) && !origin.equals(OriginPolicy.normalize(origin))) {
                throw new IllegalArgumentException("allowed origin must be normalised (use the builder), was " + origin);
            }
        }
        trustedProxies.forEach(AddressRange::parse);
        if (closeTimeout.isNegative() || closeTimeout.isZero()) {
            throw new IllegalArgumentException("closeTimeout must be positive, was " + closeTimeout);
        }
    }

    /** The defaults: same-origin only, no trusted proxy, UI on, no compression, 2 s close timeout. */
    public static JettyOptions defaults() {
        return builder().build();
    }

    /** A builder with the defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding these options. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.allowedOrigins.addAll(allowedOrigins);
        b.trustedProxies.addAll(trustedProxies);
        b.ui = ui;
        b.perMessageDeflate = perMessageDeflate;
        b.closeTimeout = closeTimeout;
        return b;
    }

    /** Builds {@link JettyOptions}; every setter checks its value at once. Not thread-safe. */
    public static final class Builder {
        private final Set<String> allowedOrigins = new LinkedHashSet<>();
        private final List<String> trustedProxies = new ArrayList<>();
        private boolean ui = true;
        private boolean perMessageDeflate;
        private Duration closeTimeout = Duration.ofSeconds(2);

        private Builder() {}

        /**
         * Allows pages from these origins ({@code https://app.example.com}, {@code http://localhost:3000}) to open
         * a WebSocket; {@code "*"} allows any origin. The page's own origin is always allowed.
         */
        public Builder allowedOrigins(String... origins) {
            for (String origin : origins) {
                Objects.requireNonNull(origin, "origin");
                String trimmed = origin.trim();
                if (trimmed.equals(OriginPolicy.ANY)) {
                    allowedOrigins.add(OriginPolicy.ANY);
                    continue;
                }
                String normalized = OriginPolicy.normalize(trimmed);
                if (normalized == null) {
                    throw new IllegalArgumentException(
                            "allowed origin must look like scheme://host[:port] with no path, was '" + origin + "'");
                }
                allowedOrigins.add(normalized);
            }
            return this;
        }

        /**
         * Trusts these reverse proxies (IP addresses or CIDR ranges such as {@code 10.0.0.0/8}): for a connection
         * from one of them, the client's address is the right-most untrusted hop of {@code X-Forwarded-For}.
         */
        public Builder trustedProxies(String... proxies) {
            for (String proxy : proxies) {
                Objects.requireNonNull(proxy, "proxy");
                AddressRange.parse(proxy.trim());
                trustedProxies.add(proxy.trim());
            }
            return this;
        }

        /** Whether to serve the web UI at {@code {base}/} (default true). */
        public Builder ui(boolean value) {
            ui = value;
            return this;
        }

        /** Whether clients may negotiate permessage-deflate (default false: frames are shared, not re-compressed). */
        public Builder perMessageDeflate(boolean value) {
            perMessageDeflate = value;
            return this;
        }

        /** How long a close handshake may take before the connection is aborted (default 2 s). */
        public Builder closeTimeout(Duration value) {
            Objects.requireNonNull(value, "closeTimeout");
            if (value.isNegative() || value.isZero()) {
                throw new IllegalArgumentException("closeTimeout must be positive, was " + value);
            }
            closeTimeout = value;
            return this;
        }

        public JettyOptions build() {
            return new JettyOptions(allowedOrigins, trustedProxies, ui, perMessageDeflate, closeTimeout);
        }
    }
}
