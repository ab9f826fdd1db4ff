package io.chitchat.spi;

/**
 * The engine's side of one connection, returned by {@code ChitChat.open(connection)}. The transport calls it
 * for every text frame received and once when the connection is gone.
 *
 * <p>Thread-safety: the transport must not call {@link #onText} concurrently for one connection (frames of one
 * connection are delivered in order, as WebSocket containers do); the engine never blocks in these calls.
 */
public interface InboundHandler {

    /** One text frame (one JSON object) from the client. */
    void onText(String text);

    /**
     * The connection closed or dropped, for any reason (including a close the engine asked for). Called at
     * most once; after it, {@link #onText} is not called again.
     *
     * @param code the WebSocket close code, or 1006 when the connection dropped without one
     */
    void onClose(int code);
}
