package io.chitchat.jetty;

import io.chitchat.spi.Handshake;
import io.chitchat.spi.InboundHandler;
import io.chitchat.spi.OutboundFrame;
import io.chitchat.spi.SendCallback;
import io.chitchat.spi.TransportConnection;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.websocket.core.CoreSession;
import org.eclipse.jetty.websocket.core.Frame;
import org.eclipse.jetty.websocket.core.OpCode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One WebSocket connection as the engine sees it. Frames are written through Jetty's core session, not the Jakarta
 * remote: the Jakarta {@code sendText(String)} encodes the text to UTF-8 again for every recipient, while
 * {@link OutboundFrame#utf8()} is encoded once per frame and shared by all of them.
 *
 * <p>Thread-safe: {@link #send} and {@link #close} may be called from any thread and never block (Jetty's core
 * session queues frames).
 */
final class JettyConnection implements TransportConnection {
    private static final Logger LOG = LoggerFactory.getLogger(JettyConnection.class);
    private static final int MAX_REASON_BYTES = 123;

    private final CoreSession session;
    private final Handshake handshake;
    private final ConnectionSupervisor supervisor;
    private final Duration closeTimeout;
    private final AtomicBoolean closing = new AtomicBoolean();
    private final Object closeLock = new Object();
    private volatile InboundHandler handler;
    private int closedWith = -1;
    private boolean delivered;
    private volatile ScheduledFuture<?> abort;
    private volatile long lastInbound = System.nanoTime();
    private volatile long lastPing = System.nanoTime();

    JettyConnection(CoreSession session, Handshake handshake, ConnectionSupervisor supervisor, Duration closeTimeout) {
        this.session = session;
        this.handshake = handshake;
        this.supervisor = supervisor;
        this.closeTimeout = closeTimeout;
    }

    @Override
    public Handshake handshake() {
        return handshake;
    }

    @Override
    public void send(OutboundFrame frame, SendCallback callback) {
        write(frame, callback, false);
    }

    /** Jetty aggregates batched frames into one buffer and writes them on {@link #flush()} (or when it is full). */
    @Override
    public void sendBatched(OutboundFrame frame, SendCallback callback) {
        write(frame, callback, true);
    }

    @Override
    public void flush() {
        try {
            session.flush(Callback.NOOP);
        } catch (RuntimeException e) {
            LOG.debug("Flush of {} failed", this, e);
        }
    }

    private void write(OutboundFrame frame, SendCallback callback, boolean batch) {
        Sent sent = new Sent(callback);
        try {
            session.sendFrame(new Frame(OpCode.TEXT).setPayload(frame.utf8()), sent, batch);
        } catch (RuntimeException e) {
            sent.failed(e);
        }
    }

    @Override
    public void close(int code, String reason) {
        if (!closing.compareAndSet(false, true)) {
            return;
        }
        try {
            session.close(code, truncate(reason), Callback.NOOP);
        } catch (RuntimeException e) {
            LOG.debug("Close of {} failed, aborting", this, e);
            session.abort();
            return;
        }
        // a client that does not read (4001) never answers the close frame queued behind its backlog
        abort = supervisor.schedule(this::abortIfOpen, closeTimeout);
    }

    private void abortIfOpen() {
        if (!isClosed()) {
            LOG.debug("Aborting {}: the close handshake did not finish in {}", this, closeTimeout);
            session.abort();
        }
    }

    // ---------------------------------------------------------------- called by the endpoint

    /** Connects the engine's handler; if the connection already closed meanwhile, tells the handler at once. */
    void attach(InboundHandler h) {
        int code;
        synchronized (closeLock) {
            handler = h;
            if (closedWith < 0 || delivered) {
                return;
            }
            delivered = true;
            code = closedWith;
        }
        notifyClosed(h, code);
    }

    void onText(String text) {
        lastInbound = System.nanoTime();
        // Jetty delivers no message after onClose, and none before onOpen (which attaches the handler) returned
        handler.onText(text);
    }

    void onPong() {
        lastInbound = System.nanoTime();
    }

    /** The connection is gone; tells the engine exactly once. */
    void onClosed(int code) {
        InboundHandler h;
        synchronized (closeLock) {
            if (closedWith >= 0) {
                return;
            }
            closedWith = code;
            h = handler;
            if (h == null) {
                return;
            }
            delivered = true;
        }
        notifyClosed(h, code);
    }

    private void notifyClosed(InboundHandler h, int code) {
        supervisor.remove(this);
        ScheduledFuture<?> a = abort;
        if (a != null) {
            a.cancel(false);
        }
        try {
            h.onClose(code);
        } catch (RuntimeException e) {
            LOG.warn("Engine failed to handle the close of {}", this, e);
        }
    }

    private boolean isClosed() {
        synchronized (closeLock) {
            return closedWith >= 0;
        }
    }

    // ---------------------------------------------------------------- called by the supervisor

    long lastInbound() {
        return lastInbound;
    }

    long lastPing() {
        return lastPing;
    }

    void ping(long now) {
        lastPing = now;
        session.sendFrame(new Frame(OpCode.PING), Callback.NOOP, false);
    }

    private static String truncate(String reason) {
        if (reason == null) {
            return null;
        }
        byte[] bytes = reason.getBytes(StandardCharsets.UTF_8);
        if (bytes.length <= MAX_REASON_BYTES) {
            return reason;
        }
        int end = reason.length();
        while (reason.substring(0, end).getBytes(StandardCharsets.UTF_8).length > MAX_REASON_BYTES) {
            end--;
        }
        return reason.substring(0, end);
    }

    @Override
    public String toString() {
        return "WebSocket from " + handshake.remoteAddress();
    }

    /** Adapts Jetty's write completion to the engine's callback; never blocks, so Jetty may run it inline. */
    private static final class Sent implements Callback {
        private final SendCallback callback;
        private final AtomicBoolean done = new AtomicBoolean();

        Sent(SendCallback callback) {
            this.callback = callback;
        }

        @Override
        public void succeeded() {
            if (done.compareAndSet(false, true)) {
                callback.completed(null);
            }
        }

        @Override
        public void failed(Throwable failure) {
            if (done.compareAndSet(false, true)) {
                callback.completed(failure);
            }
        }

        @Override
        public InvocationType getInvocationType() {
            return InvocationType.NON_BLOCKING;
        }
    }
}
