package io.chitchat.bench.client;

import java.net.URI;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One bench WebSocket connection, independent of the client implementation: each complete text message is scanned
 * by {@link FrameScanner} (no String per frame) and handed to the scenario's {@link ClientListener}. A scenario keeps
 * its per-connection state in {@link #state}.
 *
 * <p>Thread-safe for {@link #send}, {@link #close} and {@link #abort}; the receive path is confined to one thread at
 * a time.
 */
public final class BenchClient {
    public final int index;
    private final ClientListener listener;
    private final Inbound inbound = new Inbound();
    private final AtomicBoolean closedOnce = new AtomicBoolean();
    private final CompletableFuture<Integer> closed = new CompletableFuture<>();
    private volatile ClientTransport transport;

    /** Bytes and frames received (written by the receive path only). */
    public volatile long bytesIn;
    public volatile long framesIn;
    /** The scenario's state for this connection. */
    public Object state;

    public BenchClient(int index, ClientListener listener) {
        this.index = index;
        this.listener = listener;
    }

    /** Connects through the pool; completes when the WebSocket is open. */
    public CompletableFuture<Void> connect(ClientPool pool, URI uri) throws InterruptedException {
        return pool.connect(uri, this);
    }

    /** Sends one text frame without blocking. */
    public void send(String text) {
        ClientTransport t = transport;
        if (t == null) {
            throw new IllegalStateException("connection " + index + " is not open");
        }
        t.send(text);
    }

    /** Closes normally (1000). */
    public void close() {
        ClientTransport t = transport;
        if (t != null) {
            t.close();
        } else {
            closed(1006, "never opened");
        }
    }

    /** Drops the connection without a close handshake, as a network failure would. */
    public void abort() {
        ClientTransport t = transport;
        if (t != null) {
            t.abort();
        }
    }

    public boolean isOpen() {
        ClientTransport t = transport;
        return t != null && t.isOpen() && !closed.isDone();
    }

    /** Completes with the close code when the connection is closed. */
    public CompletableFuture<Integer> closedFuture() {
        return closed;
    }

    // ---------------------------------------------------------------- called by the client implementation

    void opened(ClientTransport t) {
        transport = t;
        listener.onOpen(this);
    }

    /** One complete text message in {@code b[off, off + len)}, valid only during this call. */
    void message(byte[] b, int off, int len) {
        bytesIn += len;
        framesIn++;
        FrameScanner.scan(b, off, len, inbound);
        listener.onFrame(this, inbound);
    }

    void closed(int code, String reason) {
        if (closedOnce.compareAndSet(false, true)) {
            listener.onClosed(this, code, reason);
            closed.complete(code);
        }
    }

    @Override
    public String toString() {
        return "client " + index;
    }
}
