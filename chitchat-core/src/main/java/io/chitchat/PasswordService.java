package io.chitchat;

import io.chitchat.protocol.ErrorCode;
import io.chitchat.protocol.ProtocolException;
import io.chitchat.spi.PasswordHasher;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * Hashing and verification on a bounded executor (never a transport thread), and the throttle of failed
 * attempts. Passwords are never logged; the char copies made for hashing are wiped.
 */
final class PasswordService implements AutoCloseable {
    private static final long WINDOW_MILLIS = 60_000;
    private static final int MAX_TRACKED_KEYS = 100_000;

    private final PasswordHasher hasher;
    private final ThreadPoolExecutor executor;
    private final Clock clock;
    private final int failuresPerMinute;
    private final ConcurrentHashMap<String, ArrayDeque<Long>> failures = new ConcurrentHashMap<>();

    PasswordService(PasswordHasher hasher, int threads, int queue, int failuresPerMinute, Clock clock) {
        this.hasher = hasher;
        this.clock = clock;
        this.failuresPerMinute = failuresPerMinute;
        AtomicInteger n = new AtomicInteger();
        this.executor = new ThreadPoolExecutor(threads, threads, 30, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(queue), r -> {
                    Thread t = new Thread(r, "chitchat-password-" + n.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                }, new ThreadPoolExecutor.AbortPolicy());
        this.executor.allowCoreThreadTimeOut(true);
    }

    CompletableFuture<String> hash(String password, String ref) {
        return submit(() -> {
            char[] chars = password.toCharArray();
            try {
                return hasher.hash(chars);
            } finally {
                Arrays.fill(chars, '\0');
            }
        }, ref);
    }

    CompletableFuture<Boolean> verify(String password, String storedHash, String ref) {
        return submit(() -> {
            char[] chars = password.toCharArray();
            try {
                return hasher.verify(chars, storedHash);
            } finally {
                Arrays.fill(chars, '\0');
            }
        }, ref);
    }

    private <T> CompletableFuture<T> submit(Supplier<T> work, String ref) {
        try {
            return CompletableFuture.supplyAsync(work, executor);
        } catch (RejectedExecutionException e) {
            return CompletableFuture.failedFuture(new ProtocolException(ErrorCode.RATE_LIMITED, ref,
                    "too many password checks in progress; try again in a moment"));
        }
    }

    /** Whether any of the keys had too many failures in the last minute. */
    boolean throttled(String... keys) {
        long cutoff = clock.millis() - WINDOW_MILLIS;
        for (String key : keys) {
            ArrayDeque<Long> q = failures.get(key);
            if (q != null) {
                synchronized (q) {
                    while (!q.isEmpty() && q.peekFirst() <= cutoff) {
                        q.pollFirst();
                    }
                    if (q.size() >= failuresPerMinute) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    void recordFailure(String... keys) {
        long now = clock.millis();
        if (failures.size() > MAX_TRACKED_KEYS) {
            sweep();
        }
        for (String key : keys) {
            ArrayDeque<Long> q = failures.computeIfAbsent(key, k -> new ArrayDeque<>());
            synchronized (q) {
                q.addLast(now);
                while (q.size() > failuresPerMinute) {
                    q.pollFirst();
                }
            }
        }
    }

    /** Forgets windows that have expired (called periodically and when the table grows large). */
    void sweep() {
        long cutoff = clock.millis() - WINDOW_MILLIS;
        failures.entrySet().removeIf(e -> {
            ArrayDeque<Long> q = e.getValue();
            synchronized (q) {
                return q.isEmpty() || q.peekLast() <= cutoff;
            }
        });
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
