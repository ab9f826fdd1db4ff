package io.chitchat.bench.client;

/**
 * What a scenario does with a connection's events. Calls for one connection come one at a time (Jetty delivers its
 * frames in order, demanding the next only after the previous was handled), on client threads; calls for different
 * connections run concurrently.
 */
public interface ClientListener {

    /** The WebSocket is open. */
    default void onOpen(BenchClient client) {}

    /** A frame arrived; {@code in} is reused for the next frame of this connection. */
    void onFrame(BenchClient client, Inbound in);

    /** The WebSocket closed (by either side) or failed; {@code code} is 1006 when it dropped. */
    default void onClosed(BenchClient client, int code, String reason) {}
}
