package io.chitchat.jetty;

import io.chitchat.ChitChat;
import java.time.Duration;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;

/**
 * A {@link ChitChat} engine mounted under a base path of a {@link ServletContextHandler}, as returned by
 * {@link ChitChatJetty#mount}. Serves {@code {base}/ws} (WebSocket), {@code {base}/health},
 * {@code {base}/api/rooms/{id}} and, if enabled, the web UI at {@code {base}/}.
 *
 * <p>Thread-safe.
 */
public interface ChitChatMount {

    /** The base path inside the context: {@code ""} (the context's root) or e.g. {@code "/chat"}. */
    String basePath();

    /** The context this mount lives in. */
    ServletContextHandler context();

    /** The engine served by this mount. */
    ChitChat chat();

    /**
     * Starts a graceful shutdown of this mount: {@code health} answers 503 with status {@code shutting_down} and
     * new WebSocket handshakes are refused with 503. Open connections are not touched: close the engine
     * ({@link ChitChat#close()}) to close them with 1001. Idempotent.
     */
    void beginShutdown();

    /** Whether {@link #beginShutdown()} was called. */
    boolean isShuttingDown();

    /** The number of open WebSocket connections of this mount. */
    int connections();

    /**
     * Waits until this mount has no open WebSocket connection, at most {@code timeout}.
     *
     * @return whether every connection is closed
     */
    boolean awaitNoConnections(Duration timeout) throws InterruptedException;
}
