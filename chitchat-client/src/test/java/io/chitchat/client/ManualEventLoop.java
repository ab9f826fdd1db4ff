package io.chitchat.client;

import io.chitchat.spi.Scheduler;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Comparator;
import java.util.PriorityQueue;
import java.util.concurrent.RejectedExecutionException;

/**
 * An {@link EventLoop} for tests: runs tasks on the calling thread (a task submitted by a running task runs after
 * it, as on a real loop) and moves time only when told to. Not thread-safe: one test thread.
 */
final class ManualEventLoop implements EventLoop {
    private final ArrayDeque<Runnable> queue = new ArrayDeque<>();
    private final PriorityQueue<Timer> timers =
            new PriorityQueue<>(Comparator.comparingLong((Timer t) -> t.due).thenComparingLong(t -> t.order));
    private long now;
    private long order;
    private boolean draining;
    private boolean shutdown;

    @Override
    public void execute(Runnable task) {
        if (shutdown) {
            throw new RejectedExecutionException("shut down");
        }
        queue.addLast(task);
        drain();
    }

    @Override
    public Scheduler.Cancellable schedule(Runnable task, Duration delay) {
        Timer t = new Timer(now + delay.toNanos(), order++, task);
        if (!shutdown) {
            timers.add(t);
        }
        return () -> timers.remove(t);
    }

    @Override
    public void shutdown() {
        shutdown = true;
        timers.clear();
    }

    /** Moves time forward, running the timers that fall due on the way, in order. */
    void advance(Duration duration) {
        long target = now + duration.toNanos();
        while (!timers.isEmpty() && timers.peek().due <= target) {
            Timer t = timers.poll();
            now = t.due;
            execute(t.task);
        }
        now = target;
    }

    boolean isShutdown() {
        return shutdown;
    }

    int pendingTimers() {
        return timers.size();
    }

    private void drain() {
        if (draining) {
            return;
        }
        draining = true;
        try {
            Runnable r;
            while ((r = queue.pollFirst()) != null) {
                r.run();
            }
        } finally {
            draining = false;
        }
    }

    private static final class Timer {
        final long due;
        final long order;
        final Runnable task;

        Timer(long due, long order, Runnable task) {
            this.due = due;
            this.order = order;
            this.task = task;
        }
    }
}
