package io.chitchat.spi;

/**
 * One client connection, implemented by a transport (Jetty WebSocket, in-memory, TCP, ...). The engine
 * obtains an {@link InboundHandler} for it from {@code ChitChat.open(connection)} and feeds nothing else.
 *
 * <p>Thread-safety: implementations must be thread-safe. {@link #send} and {@link #close} may be called
 * from any thread, concurrently, and must never block: {@code send} queues the frame and reports its
 * completion through the callback.
 */
public interface TransportConnection {

    /** The data of the handshake that opened this connection. */
    Handshake handshake();

    /**
     * Queues one frame for sending, without blocking. The same {@link OutboundFrame} instance is handed to
     * every recipient of a broadcast: implementations must not modify it. The callback is invoked exactly
     * once, on any thread, when the frame was written or could not be (a failed write needs no other action:
     * the transport reports the closed connection through {@link InboundHandler#onClose}).
     */
    void send(OutboundFrame frame, SendCallback callback);

    /**
     * Like {@link #send}, but the transport may hold the frame to write it together with the frames that follow,
     * until {@link #flush()}: the engine's fan-out uses it when several entries of a room are delivered at once,
     * so that a connection gets one write for all of them instead of one per frame. Order is kept with frames
     * sent by {@link #send}. The default sends at once.
     */
    default void sendBatched(OutboundFrame frame, SendCallback callback) {
        send(frame, callback);
    }

    /** Writes the frames held by {@link #sendBatched}, without blocking. The default has nothing to write. */
    default void flush() {}

    /**
     * Closes the connection with a WebSocket close code (1000, 1001, 1008, 1009, 1011, 4001, 4002) and a
     * short reason. Idempotent. A connection closed for being too slow (4001) may not read the close frame:
     * implementations should abort it if the close does not complete promptly.
     */
    void close(int code, String reason);
}
