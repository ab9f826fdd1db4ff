package io.chitchat.client;

import java.util.ArrayDeque;
import java.util.concurrent.CompletableFuture;

/**
 * Writes frames one at a time, in order: {@code java.net.http.WebSocket} allows only one outstanding
 * {@code sendText}. A close frame goes after the texts queued before it; nothing is accepted after it.
 *
 * <p>Thread-safe: any thread may queue; writes start on the queuing thread or on the thread that completed
 * the previous write.
 */
final class SendQueue {

    /** Performs the actual writes; each returns a future that completes when the frame was written. */
    interface Writer {
        CompletableFuture<?> text(String text);

        CompletableFuture<?> close(int code, String reason);
    }

    private final Writer writer;
    private final ArrayDeque<Item> queue = new ArrayDeque<>();
    private boolean writing;
    private boolean closed;
    private Throwable failure;

    SendQueue(Writer writer) {
        this.writer = writer;
    }

    /** Queues a text frame; the future completes when it was written or fails if it could not be. */
    CompletableFuture<Void> text(String text) {
        return enqueue(new Item(text, 0, null));
    }

    /** Queues a close frame after the queued texts; later calls are refused. Idempotent. */
    CompletableFuture<Void> close(int code, String reason) {
        Item item = new Item(null, code, reason);
        synchronized (this) {
            if (closed || failure != null) {
                return CompletableFuture.completedFuture(null);
            }
            queue.addLast(item);
            closed = true;
        }
        pump();
        return item.done;
    }

    /** Fails every queued frame and refuses later ones. */
    void fail(Throwable cause) {
        ArrayDeque<Item> dropped;
        synchronized (this) {
            closed = true;
            if (failure == null) {
                failure = cause;
            }
            dropped = new ArrayDeque<>(queue);
            queue.clear();
        }
        dropped.forEach(item -> item.done.completeExceptionally(cause));
    }

    /** Frames waiting to be written (not counting the one being written). */
    synchronized int queued() {
        return queue.size();
    }

    private CompletableFuture<Void> enqueue(Item item) {
        synchronized (this) {
            if (failure != null) {
                return CompletableFuture.failedFuture(failure);
            }
            if (closed) {
                return CompletableFuture.failedFuture(new IllegalStateException("the connection is closing"));
            }
            queue.addLast(item);
        }
        pump();
        return item.done;
    }

    private void pump() {
        while (true) {
            Item item;
            synchronized (this) {
                if (writing || queue.isEmpty()) {
                    return;
                }
                item = queue.pollFirst();
                writing = true;
            }
            CompletableFuture<?> written;
            try {
                written = item.text != null ? writer.text(item.text) : writer.close(item.code, item.reason);
            } catch (RuntimeException e) {
                written = CompletableFuture.failedFuture(e);
            }
            if (!written.isDone()) {
                written.whenComplete((v, e) -> {
                    finished(item, e);
                    pump();
                });
                return;
            }
            // completed at once: loop instead of recursing, so a long queue cannot overflow the stack
            finished(item, written.handle((v, e) -> e).join());
        }
    }

    private void finished(Item item, Throwable error) {
        synchronized (this) {
            writing = false;
        }
        if (error == null) {
            item.done.complete(null);
        } else {
            item.done.completeExceptionally(error);
        }
    }

    private static final class Item {
        final String text;
        final int code;
        final String reason;
        final CompletableFuture<Void> done = new CompletableFuture<>();

        Item(String text, int code, String reason) {
            this.text = text;
            this.code = code;
            this.reason = reason;
        }
    }
}
