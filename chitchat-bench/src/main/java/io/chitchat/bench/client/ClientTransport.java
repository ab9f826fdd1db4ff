package io.chitchat.bench.client;

/** The sending side of one open connection, implemented by each {@link ClientPool}. Thread-safe. */
interface ClientTransport {

    /** Sends one text frame without blocking. */
    void send(String text);

    /** Starts a normal close (1000). */
    void close();

    /** Drops the connection without a close handshake. */
    void abort();

    boolean isOpen();
}
