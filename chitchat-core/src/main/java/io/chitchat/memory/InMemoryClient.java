package io.chitchat.memory;

import io.chitchat.spi.Handshake;
import io.chitchat.spi.InboundHandler;
import io.chitchat.spi.OutboundFrame;
import io.chitchat.spi.SendCallback;
import io.chitchat.spi.TransportConnection;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The client end of an in-memory connection. Frames from the engine are queued ({@link #poll}) and passed to
 * the optional consumer. {@link #pause()} stops "reading": frames are held and their sends stay incomplete, as
 * with a client that does not read its socket.
 *
 * <p>Thread-safe.
 */
public final class InMemoryClient implements AutoCloseable {
    private final Handshake handshake;
    private final Consumer<String> onFrame;
    private final LinkedBlockingQueue<String> received = new LinkedBlockingQueue<>();
    private final ArrayDeque<Held> held = new ArrayDeque<>();
    private final CountDownLatch closedLatch = new CountDownLatch(1);
    private final Connection connection = new Connection();
    private volatile InboundHandler handler;
    private boolean paused;
    private boolean closed;
    private volatile int closeCode = -1;
    private volatile String closeReason;

    InMemoryClient(Handshake handshake, Consumer<String> onFrame) {
        this.handshake = handshake;
        this.onFrame = onFrame;
    }

    TransportConnection connection() {
        return connection;
    }

    void attach(InboundHandler inbound) {
        this.handler = inbound;
        synchronized (this) {
            if (!closed) {
                return;
            }
        }
        inbound.onClose(closeCode);
    }

    /** Sends one text frame to the engine, as a client would. */
    public void send(String text) {
        synchronized (this) {
            if (closed) {
                throw new IllegalStateException("connection is closed");
            }
        }
        handler.onText(text);
    }

    /** The next frame received, waiting up to {@code timeout}; null if none arrived. */
    public String poll(Duration timeout) throws InterruptedException {
        return received.poll(timeout.toNanos(), TimeUnit.NANOSECONDS);
    }

    /** All frames received and not yet polled, removing them. */
    public List<String> drain() {
        List<String> out = new ArrayList<>();
        received.drainTo(out);
        return out;
    }

    /** Stops reading: frames are held and their sends do not complete. */
    public synchronized void pause() {
        paused = true;
    }

    /** Resumes reading: held frames are delivered. */
    public void resume() {
        List<Held> release;
        synchronized (this) {
            paused = false;
            release = new ArrayList<>(held);
            held.clear();
        }
        for (Held h : release) {
            deliver(h.frame);
            h.callback.completed(null);
        }
    }

    /** Closes the connection normally (1000), as a client would. */
    @Override
    public void close() {
        terminate(1000, "bye");
    }

    /** Drops the connection without a close handshake (1006), as a network failure would. */
    public void drop() {
        terminate(1006, "dropped");
    }

    /** Whether the connection is closed, by either side. */
    public synchronized boolean isClosed() {
        return closed;
    }

    /** The close code, or -1 while open. */
    public int closeCode() {
        return closeCode;
    }

    public String closeReason() {
        return closeReason;
    }

    /** Waits until the connection is closed. */
    public boolean awaitClose(Duration timeout) throws InterruptedException {
        return closedLatch.await(timeout.toNanos(), TimeUnit.NANOSECONDS);
    }

    private void terminate(int code, String reason) {
        List<Held> failed;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            closeCode = code;
            closeReason = reason;
            failed = new ArrayList<>(held);
            held.clear();
        }
        closedLatch.countDown();
        for (Held h : failed) {
            h.callback.completed(new IOException("connection closed"));
        }
        InboundHandler h = handler;
        if (h != null) {
            h.onClose(code);
        }
    }

    private void deliver(OutboundFrame frame) {
        received.add(frame.text());
        if (onFrame != null) {
            onFrame.accept(frame.text());
        }
    }

    private record Held(OutboundFrame frame, SendCallback callback) {}

    private final class Connection implements TransportConnection {
        @Override
        public Handshake handshake() {
            return handshake;
        }

        @Override
        public void send(OutboundFrame frame, SendCallback callback) {
            synchronized (InMemoryClient.this) {
                if (closed) {
                    callback.completed(new IOException("connection closed"));
                    return;
                }
                if (paused) {
                    held.add(new Held(frame, callback));
                    return;
                }
            }
            deliver(frame);
            callback.completed(null);
        }

        @Override
        public void close(int code, String reason) {
            terminate(code, reason);
        }
    }
}
