package io.chitchat.spi;

import java.time.Duration;

/**
 * Runs a task after a delay: grace periods, empty-room removal, coalesced presence. Injectable so that tests
 * drive time by hand. Tasks must be short and must not block.
 *
 * <p>Thread-safety: implementations must be thread-safe.
 */
public interface Scheduler extends AutoCloseable {

    /**
     * Runs {@code task} once after {@code delay}; the returned handle cancels it. After {@link #close()} the task is
     * dropped and a no-op handle returned: the engine may still set timers while its connections close.
     */
    Cancellable schedule(Runnable task, Duration delay);

    /** Stops the scheduler's threads, if it has any. */
    @Override
    default void close() {}

    /** A handle to a scheduled task. */
    @FunctionalInterface
    interface Cancellable {
        void cancel();
    }

    /** A scheduler on one daemon thread owned by the engine. */
    static Scheduler systemScheduler(String threadName) {
        return new SystemScheduler(threadName);
    }
}
