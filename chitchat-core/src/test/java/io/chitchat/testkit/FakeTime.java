package io.chitchat.testkit;

import io.chitchat.spi.Scheduler;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;

/**
 * A clock and scheduler driven by hand: {@link #advance} moves time and runs the tasks that fell due. Lets tests
 * of grace periods, expiry and rate limits run instantly and deterministically.
 *
 * <p>Thread-safe.
 */
public final class FakeTime implements Scheduler {
    private long nowMillis = 1_700_000_000_000L;
    private long sequence;
    private final PriorityQueue<Task> tasks = new PriorityQueue<>(
            Comparator.comparingLong((Task t) -> t.due).thenComparingLong(t -> t.order));

    private final Clock clock = new Clock() {
        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return Instant.ofEpochMilli(millis());
        }

        @Override
        public long millis() {
            synchronized (FakeTime.this) {
                return nowMillis;
            }
        }
    };

    public Clock clock() {
        return clock;
    }

    @Override
    public synchronized Cancellable schedule(Runnable task, Duration delay) {
        Task t = new Task(nowMillis + Math.max(0, delay.toMillis()), sequence++, task);
        tasks.add(t);
        return () -> {
            synchronized (FakeTime.this) {
                tasks.remove(t);
            }
        };
    }

    /** Moves time forward and runs every task due by then, in order. */
    public void advance(Duration by) {
        long target;
        synchronized (this) {
            target = nowMillis + by.toMillis();
        }
        while (true) {
            List<Runnable> due = new ArrayList<>();
            synchronized (this) {
                Task next = tasks.peek();
                if (next == null || next.due > target) {
                    nowMillis = target;
                    return;
                }
                nowMillis = Math.max(nowMillis, next.due);
                while (!tasks.isEmpty() && tasks.peek().due <= nowMillis) {
                    due.add(tasks.poll().task);
                }
            }
            due.forEach(Runnable::run);
        }
    }

    private record Task(long due, long order, Runnable task) {}
}
