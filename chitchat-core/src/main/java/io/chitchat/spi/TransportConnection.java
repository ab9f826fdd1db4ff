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
     * Closes the connection with a WebSocket close code (1000, 1001, 1008, 1009, 1011, 4001, 4002) and a
     * short reason. Idempotent. A connection closed for being too slow (4001) may not read the close frame:
     * implementations should abort it if the close does not complete promptly.
     */
    void close(int code, String reason);
}
