package io.chitchat.client;

import io.chitchat.protocol.ClientFrame;
import io.chitchat.protocol.ServerFrame;
import io.chitchat.spi.Scheduler;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeoutException;

/**
 * The requests waiting for their reply, by {@code ref}, in the order they were made. Unacknowledged sends are
 * the outbox: they survive a lost connection (when the client reconnects) and are written again, in order,
 * with their original {@code ref} and {@code cid}. Every request times out.
 *
 * <p>Not thread-safe: confined to the client's event loop.
 */
final class Requests {
    private final EventLoop loop;
    private final Duration timeout;
    private final Map<String, Pending<?>> pending = new LinkedHashMap<>();
    private long lastRef;

    Requests(EventLoop loop, Duration timeout) {
        this.loop = loop;
        this.timeout = timeout;
    }

    /** A new ref, never used before by this client (refs stay unique across its connections). */
    String nextRef() {
        return Long.toString(++lastRef, 36);
    }

    /**
     * Registers a request whose reply of type {@code replyType} (or {@code error}) completes {@code future}.
     * An internal request is the client's own (a re-join): a lost connection drops it without completing it.
     */
    <T extends ServerFrame> Pending<T> add(ClientFrame frame, Class<T> replyType, CompletableFuture<T> future,
                                           boolean internal) {
        Pending<T> p = new Pending<>(frame, replyType, future, internal);
        pending.put(frame.ref(), p);
        p.timer = loop.schedule(() -> timedOut(p), timeout);
        return p;
    }

    /** Removes and returns the request with this ref, or null. */
    Pending<?> take(String ref) {
        Pending<?> p = ref == null ? null : pending.remove(ref);
        if (p != null) {
            p.timer.cancel();
        }
        return p;
    }

    /** The unacknowledged sends whose caller still waits, oldest first. */
    List<Pending<?>> outbox() {
        List<Pending<?>> out = new ArrayList<>();
        for (Pending<?> p : pending.values()) {
            if (p.isSend() && !p.future.isDone()) {
                out.add(p);
            }
        }
        return out;
    }

    /**
     * The connection was lost: fails every request with {@code cause}, except the sends when {@code keepSends}
     * (they will be written again) and internal requests (dropped silently).
     */
    void connectionLost(Throwable cause, boolean keepSends) {
        for (Iterator<Pending<?>> it = pending.values().iterator(); it.hasNext(); ) {
            Pending<?> p = it.next();
            if (keepSends && p.isSend()) {
                continue;
            }
            it.remove();
            p.timer.cancel();
            if (!p.internal) {
                p.future.completeExceptionally(cause);
            }
        }
    }

    /** Fails every request (internal ones are dropped). */
    void failAll(Throwable cause) {
        connectionLost(cause, false);
    }

    int size() {
        return pending.size();
    }

    private void timedOut(Pending<?> p) {
        if (pending.remove(p.frame.ref(), p)) {
            p.future.completeExceptionally(new TimeoutException("no reply to " + Frames.describe(p.frame)
                    + " within " + timeout.toMillis() + " ms"));
        }
    }

    /** One request waiting for its reply. */
    static final class Pending<T extends ServerFrame> {
        final ClientFrame frame;
        final Class<T> replyType;
        final CompletableFuture<T> future;
        final boolean internal;
        Scheduler.Cancellable timer;

        Pending(ClientFrame frame, Class<T> replyType, CompletableFuture<T> future, boolean internal) {
            this.frame = frame;
            this.replyType = replyType;
            this.future = future;
            this.internal = internal;
        }

        boolean isSend() {
            return frame instanceof ClientFrame.Send;
        }

        /** Completes the request with its reply: the expected type, or an {@code error}. */
        void complete(ServerFrame reply) {
            if (reply instanceof ServerFrame.Error e) {
                future.completeExceptionally(new ChitChatClientException(e.code(), e.message()));
            } else if (replyType.isInstance(reply)) {
                future.complete(replyType.cast(reply));
            } else {
                future.completeExceptionally(new IllegalStateException("the server answered "
                        + Frames.describe(frame) + " with " + Frames.type(reply)));
            }
        }
    }
}
