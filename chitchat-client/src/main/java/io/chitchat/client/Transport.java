package io.chitchat.client;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Opens WebSocket connections for a client. The client's protocol logic sees nothing else of the network, so
 * tests drive it with a fake; {@link JdkTransport} is the real one.
 *
 * <p>Thread-safety: implementations must be thread-safe.
 */
interface Transport {

    /**
     * Starts opening a connection. The returned future fails if the connection could not be opened (it may
     * complete before or after {@link Handler#onOpen}); once open, the connection reports to {@code handler}.
     */
    CompletableFuture<Void> connect(URI uri, List<Map.Entry<String, String>> headers, Handler handler);

    /** One open connection. Thread-safe; nothing blocks. */
    interface Connection {

        /** Queues one text frame; sends are written one at a time, in call order. */
        CompletableFuture<Void> send(String text);

        /** Sends a close frame after the queued text frames; the end is reported by {@link Handler#onClose}. */
        void close(int code, String reason);

        /** Drops the connection at once; nothing more is reported. */
        void abort();
    }

    /** What a connection reports, one call at a time, in this order: onOpen, onText..., onClose. */
    interface Handler {

        /** The connection is open; called before any {@link #onText}. */
        void onOpen(Connection connection);

        /** One complete text frame; the next frame is read once the returned stage completes. */
        CompletionStage<?> onText(String text);

        /** The connection ended (code {@link CloseStatus#ABNORMAL} if it dropped); called at most once. */
        void onClose(int code, String reason);
    }
}
