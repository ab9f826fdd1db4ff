package io.chitchat.client;

import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Builds a {@link ChitChatClient}. Every setter checks its value at once and fails with an
 * {@link IllegalArgumentException} (or a {@link NullPointerException} naming the value); unset values take the
 * documented defaults when {@link #build()} is called.
 *
 * <p>Not thread-safe: configure it on one thread.
 */
public final class ChitChatClientBuilder {
    /** Frames of up to 4 MiB must be accepted (protocol v1): at most as many characters. */
    static final int DEFAULT_MAX_FRAME_CHARS = 4 * 1024 * 1024;
    /** Headers that {@code java.net.http} sets itself and refuses. */
    private static final Set<String> RESTRICTED = Set.of("connection", "content-length", "expect", "host", "upgrade");

    final URI uri;
    Duration requestTimeout = Duration.ofSeconds(10);
    Duration connectTimeout = Duration.ofSeconds(10);
    ReconnectPolicy reconnect;
    int maxFrameChars = DEFAULT_MAX_FRAME_CHARS;
    HttpClient httpClient;
    final List<Map.Entry<String, String>> headers = new ArrayList<>();
    final List<ClientListener> listeners = new ArrayList<>();

    ChitChatClientBuilder(URI uri) {
        Objects.requireNonNull(uri, "uri");
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("ws") && !scheme.equals("wss")) {
            throw new IllegalArgumentException("uri must start with ws:// or wss://, was " + uri);
        }
        if (uri.getHost() == null) {
            throw new IllegalArgumentException("uri must name a host, was " + uri);
        }
        if (uri.getFragment() != null) {
            throw new IllegalArgumentException("uri must not have a fragment, was " + uri);
        }
        this.uri = uri;
    }

    /** How long a request waits for its reply (default 10 s). */
    public ChitChatClientBuilder requestTimeout(Duration timeout) {
        requestTimeout = positive("requestTimeout", timeout);
        return this;
    }

    /** How long opening a connection may take, until the server's {@code welcome} (default 10 s). */
    public ChitChatClientBuilder connectTimeout(Duration timeout) {
        connectTimeout = positive("connectTimeout", timeout);
        return this;
    }

    /** Reconnects after a lost connection under this policy (default: no reconnect). */
    public ChitChatClientBuilder reconnect(ReconnectPolicy policy) {
        reconnect = Objects.requireNonNull(policy, "policy");
        return this;
    }

    /**
     * The longest server frame accepted, in characters (default 4 Mi, so every frame of up to 4 MiB fits, as
     * protocol v1 requires). A longer one drops the connection, reported as close code 1009.
     */
    public ChitChatClientBuilder maxFrameChars(int chars) {
        if (chars < 1024) {
            throw new IllegalArgumentException("maxFrameChars must be at least 1024, was " + chars);
        }
        maxFrameChars = chars;
        return this;
    }

    /** Adds a header to the WebSocket handshake, e.g. {@code Origin}, {@code Cookie} or {@code Authorization}. */
    public ChitChatClientBuilder header(String name, String value) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(value, "value");
        if (name.isEmpty() || !name.chars().allMatch(ChitChatClientBuilder::isTokenChar)) {
            throw new IllegalArgumentException("header name must be an HTTP token, was '" + name + "'");
        }
        String lower = name.toLowerCase(Locale.ROOT);
        if (RESTRICTED.contains(lower) || lower.startsWith("sec-websocket-")) {
            throw new IllegalArgumentException("header " + name + " is set by the WebSocket handshake itself");
        }
        if (value.chars().anyMatch(c -> c == '\r' || c == '\n' || c == 0)) {
            throw new IllegalArgumentException("value of header " + name + " must not contain CR, LF or NUL");
        }
        headers.add(Map.entry(name, value));
        return this;
    }

    /** Adds a listener that is in place before the client connects, so it misses no event. */
    public ChitChatClientBuilder listener(ClientListener listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
        return this;
    }

    /** The HTTP client to open connections with (default: a new one per client), e.g. to share one or set TLS. */
    public ChitChatClientBuilder httpClient(HttpClient client) {
        httpClient = Objects.requireNonNull(client, "client");
        return this;
    }

    /** A new, unconnected client. */
    public ChitChatClient build() {
        HttpClient http = httpClient != null ? httpClient : HttpClient.newBuilder().connectTimeout(connectTimeout).build();
        Transport transport = new JdkTransport(http, connectTimeout, maxFrameChars);
        EventLoop loop = new ExecutorEventLoop("chitchat-client " + uri.getAuthority());
        return new DefaultChitChatClient(this, transport, loop, () -> ThreadLocalRandom.current().nextDouble());
    }

    private static boolean isTokenChar(int c) {
        return c > 32 && c < 127 && "()<>@,;:\\\"/[]?={}".indexOf(c) < 0;
    }

    private static Duration positive(String name, Duration value) {
        Objects.requireNonNull(value, name);
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(name + " must be positive, was " + value);
        }
        return value;
    }
}
