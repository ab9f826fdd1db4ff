package io.chitchat.jetty;

import io.chitchat.ChitChat;
import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A standalone ChitChat server: Jetty with one engine mounted at the root ({@code ws://host:port/ws},
 * {@code http://host:port/}, {@code http://host:port/health}).
 *
 * <pre>{@code
 * ChitChatServer server = ChitChatServer.builder(ChitChat.builder().build()).port(8080).build().start();
 * ...
 * server.stop(); // health answers 503, clients are closed with 1001, then Jetty stops
 * }</pre>
 *
 * <p>The server owns the engine: {@link #start()} starts it and {@link #stop()} closes it. Thread-safe.
 */
public final class ChitChatServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ChitChatServer.class);

    private final ChitChat chat;
    private final String host;
    private final int requestedPort;
    private final Duration stopTimeout;
    private final Server server;
    private final ServerConnector connector;
    private final ChitChatMount mount;
    private final AtomicBoolean started = new AtomicBoolean();
    private final AtomicBoolean stopped = new AtomicBoolean();

    private ChitChatServer(Builder b) {
        this.chat = b.chat;
        this.host = b.host;
        this.requestedPort = b.port;
        this.stopTimeout = b.stopTimeout;
        this.server = new Server();
        this.connector = new ServerConnector(server);
        connector.setHost(host);
        connector.setPort(requestedPort);
        server.addConnector(connector);
        this.mount = ChitChatJetty.newContext("", chat, b.options);
        server.setHandler(mount.context());
        server.setStopTimeout(b.stopTimeout.toMillis());
    }

    /** A builder for a server of this engine (port 8080 on every interface, default options). */
    public static Builder builder(ChitChat chat) {
        return new Builder(chat);
    }

    /**
     * Starts the engine and the server; returns when it listens.
     *
     * @throws IllegalStateException if it cannot listen (e.g. the port is taken) or was started before
     */
    public ChitChatServer start() {
        if (!started.compareAndSet(false, true)) {
            throw new IllegalStateException("server was already started");
        }
        chat.start();
        try {
            server.start();
        } catch (Exception e) {
            stopQuietly();
            throw new IllegalStateException("could not start the ChitChat server on " + (host == null ? "*" : host)
                    + ":" + requestedPort + ": " + e.getMessage(), e);
        }
        LOG.info("ChitChat server listening on {}", uri());
        return this;
    }

    /**
     * Stops gracefully: health answers 503 and new handshakes are refused; the engine is closed, so every client is
     * closed with 1001; after they are gone (at most the stop timeout), Jetty stops. Idempotent.
     */
    public void stop() {
        if (!stopped.compareAndSet(false, true)) {
            return;
        }
        mount.beginShutdown();
        chat.close();
        try {
            if (!mount.awaitNoConnections(stopTimeout)) {
                LOG.warn("{} connections still open after {}; stopping anyway", mount.connections(), stopTimeout);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        stopQuietly();
        LOG.info("ChitChat server stopped");
    }

    @Override
    public void close() {
        stop();
    }

    private void stopQuietly() {
        try {
            server.stop();
        } catch (Exception e) {
            LOG.warn("Jetty did not stop cleanly", e);
        }
        chat.close();
    }

    /** The port it listens on (the actual one when built with port 0), or -1 before it started. */
    public int port() {
        return connector.getLocalPort();
    }

    /** {@code http://host:port/}, with {@code localhost} for a server on every interface. */
    public URI uri() {
        String h = host == null || host.isEmpty() || host.equals("0.0.0.0") || host.equals("::") ? "localhost" : host;
        if (h.contains(":") && !h.startsWith("[")) {
            h = "[" + h + "]";
        }
        return URI.create("http://" + h + ":" + port() + "/");
    }

    /** The mount at the server's root. */
    public ChitChatMount mount() {
        return mount;
    }

    /** The underlying Jetty server, for what this class does not cover (TLS connectors, request logs). */
    public Server jetty() {
        return server;
    }

    /** Builds a {@link ChitChatServer}; setters check their values at once. Not thread-safe. */
    public static final class Builder {
        private final ChitChat chat;
        private String host;
        private int port = 8080;
        private JettyOptions options = JettyOptions.defaults();
        private Duration stopTimeout = Duration.ofSeconds(5);

        private Builder(ChitChat chat) {
            this.chat = Objects.requireNonNull(chat, "chat");
        }

        /** The port; 0 picks a free one (see {@link ChitChatServer#port()}). Default 8080. */
        public Builder port(int value) {
            if (value < 0 || value > 65_535) {
                throw new IllegalArgumentException("port must be between 0 and 65535, was " + value);
            }
            port = value;
            return this;
        }

        /** The interface to listen on, e.g. {@code 127.0.0.1}; null or {@code 0.0.0.0} for all. Default all. */
        public Builder host(String value) {
            host = value == null || value.isBlank() ? null : value.trim();
            return this;
        }

        public Builder options(JettyOptions value) {
            options = Objects.requireNonNull(value, "options");
            return this;
        }

        /** How long {@link ChitChatServer#stop()} waits for clients to go after 1001 (default 5 s). */
        public Builder stopTimeout(Duration value) {
            Objects.requireNonNull(value, "stopTimeout");
            if (value.isNegative()) {
                throw new IllegalArgumentException("stopTimeout must not be negative, was " + value);
            }
            stopTimeout = value;
            return this;
        }

        public ChitChatServer build() {
            return new ChitChatServer(this);
        }
    }
}
