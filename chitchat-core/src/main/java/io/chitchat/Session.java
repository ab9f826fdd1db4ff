package io.chitchat;

import io.chitchat.protocol.ClientFrame;
import io.chitchat.protocol.ErrorCode;
import io.chitchat.protocol.ProtocolException;
import io.chitchat.protocol.ServerFrame;
import io.chitchat.spi.AuthResult;
import io.chitchat.spi.InboundHandler;
import io.chitchat.spi.OutboundFrame;
import io.chitchat.spi.SendCallback;
import io.chitchat.spi.TransportConnection;
import java.util.ArrayDeque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One connection: processes its requests strictly in order (a request that waits for a password check holds
 * back the ones after it), accounts for its outbound queue, and counts its violations.
 */
final class Session implements InboundHandler {
    private static final Logger LOG = LoggerFactory.getLogger(Session.class);

    final Engine engine;
    final TransportConnection connection;
    final String id;
    final String address;
    final AuthResult.Admit user;
    /** room id -> membership; written on room executors, read anywhere. */
    final ConcurrentHashMap<String, Membership> memberships = new ConcurrentHashMap<>();

    private final SerialExecutor inbox;
    private final ArrayDeque<String> pending = new ArrayDeque<>();
    private boolean awaiting;
    private final AtomicInteger queuedRequests = new AtomicInteger();

    private final AtomicLong outBytes = new AtomicLong();
    private final AtomicInteger outFrames = new AtomicInteger();
    private final AtomicBoolean closed = new AtomicBoolean();
    private final AtomicBoolean closing = new AtomicBoolean();

    private final Object abuseLock = new Object();
    private double abuseTokens;
    private long abuseLast;

    Session(Engine engine, TransportConnection connection, String id, AuthResult.Admit user) {
        this.engine = engine;
        this.connection = connection;
        this.id = id;
        this.address = connection.handshake().remoteAddress();
        this.user = user;
        this.inbox = new SerialExecutor(engine.workers, "connection " + id);
        this.abuseTokens = engine.config.abuseLimit();
        this.abuseLast = engine.clock.millis();
    }

    // ---------------------------------------------------------------- inbound

    @Override
    public void onText(String text) {
        if (closed.get() || closing.get()) {
            return;
        }
        if (queuedRequests.incrementAndGet() > engine.config.maxPendingRequests()) {
            queuedRequests.decrementAndGet();
            send(new ServerFrame.Error(null, ErrorCode.RATE_LIMITED,
                    "too many requests waiting; slow down"));
            violation();
            return;
        }
        inbox.execute(() -> {
            pending.addLast(text);
            pump();
        });
    }

    private void pump() {
        while (!awaiting && !pending.isEmpty() && !closed.get()) {
            String text = pending.pollFirst();
            queuedRequests.decrementAndGet();
            CompletableFuture<?> done = handle(text);
            if (done != null && !done.isDone()) {
                awaiting = true;
                done.whenComplete((v, e) -> inbox.execute(() -> {
                    awaiting = false;
                    pump();
                }));
            }
        }
    }

    /** Handles one request; returns a future when the request completes asynchronously, otherwise null. */
    private CompletableFuture<?> handle(String text) {
        ClientFrame frame;
        try {
            frame = engine.codec.decodeClient(text);
        } catch (ProtocolException e) {
            fail(e);
            return null;
        }
        try {
            CompletableFuture<?> result = engine.handle(this, frame);
            if (result == null) {
                return null;
            }
            return result.exceptionally(t -> {
                fail(t, frame.ref());
                return null;
            });
        } catch (RuntimeException e) {
            fail(e, frame.ref());
            return null;
        }
    }

    /** Answers a failed request with an error frame; protocol violations count against the connection. */
    void fail(Throwable t, String ref) {
        Throwable cause = t instanceof CompletionException && t.getCause() != null ? t.getCause() : t;
        if (cause instanceof ProtocolException pe) {
            fail(pe);
        } else {
            // e.g. a backend outage: one line per refused request, the stack trace only when debugging
            LOG.warn("Request failed on connection {} from {}: {}", id, address, cause.toString());
            LOG.debug("Request failure", cause);
            send(new ServerFrame.Error(ref, ErrorCode.INTERNAL, "internal error"));
        }
    }

    private void fail(ProtocolException e) {
        send(new ServerFrame.Error(e.ref(), e.code(), e.getMessage()));
        if (e.code() == ErrorCode.BAD_REQUEST || e.code() == ErrorCode.RATE_LIMITED) {
            violation();
        }
    }

    /** One protocol or rate violation; a connection that keeps violating is closed with 4002. */
    void violation() {
        boolean abusive;
        synchronized (abuseLock) {
            long now = engine.clock.millis();
            abuseTokens = Math.min(engine.config.abuseLimit(), abuseTokens + (now - abuseLast) / 1000.0);
            abuseLast = now;
            abuseTokens -= 1;
            abusive = abuseTokens < 0;
        }
        if (abusive) {
            LOG.info("Closing abusive connection {} from {}", id, address);
            close(4002, "abusive");
        }
    }

    @Override
    public void onClose(int code) {
        if (closed.compareAndSet(false, true)) {
            engine.sessionClosed(this);
        }
    }

    // ---------------------------------------------------------------- outbound

    void send(ServerFrame frame) {
        send(OutboundFrame.of(engine.codec.encode(frame)));
    }

    /** Queues a frame without blocking; a connection whose queue is over its bounds is closed with 4001. */
    void send(OutboundFrame frame) {
        send(frame, false);
    }

    /** Queues a frame of a fan-out; the transport may hold it until {@link #flush()}. */
    void sendBatched(OutboundFrame frame) {
        send(frame, true);
    }

    /** Writes what {@link #sendBatched} held. */
    void flush() {
        if (!closed.get()) {
            connection.flush();
        }
    }

    private void send(OutboundFrame frame, boolean batched) {
        if (closed.get()) {
            return;
        }
        int size = frame.size();
        long bytes = outBytes.addAndGet(size);
        int frames = outFrames.incrementAndGet();
        if (frames > 1 && (bytes > engine.config.outboundMaxBytes() || frames > engine.config.outboundMaxFrames())) {
            outBytes.addAndGet(-size);
            outFrames.decrementAndGet();
            tooSlow();
            return;
        }
        if (batched) {
            connection.sendBatched(frame, new Sent(size));
        } else {
            connection.send(frame, new Sent(size));
        }
    }

    private void tooSlow() {
        if (closing.compareAndSet(false, true)) {
            LOG.info("Closing slow connection {} from {}: {} frames, {} bytes queued", id, address,
                    outFrames.get(), outBytes.get());
            engine.slowConsumers.incrementAndGet();
            connection.close(4001, "too slow");
        }
    }

    void close(int code, String reason) {
        if (closing.compareAndSet(false, true)) {
            connection.close(code, reason);
        }
    }

    boolean isOpen() {
        return !closed.get() && !closing.get();
    }

    long queuedBytes() {
        return outBytes.get();
    }

    private final class Sent implements SendCallback {
        private final int size;

        Sent(int size) {
            this.size = size;
        }

        @Override
        public void completed(Throwable failure) {
            outBytes.addAndGet(-size);
            outFrames.decrementAndGet();
        }
    }

    @Override
    public String toString() {
        return "connection " + id + " from " + address;
    }
}
