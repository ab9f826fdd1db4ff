package io.chitchat.client;

import io.chitchat.spi.Scheduler;
import java.time.Duration;
import java.util.concurrent.RejectedExecutionException;

/**
 * The single thread that owns a client's state: runs tasks one at a time, in submission order, and runs
 * scheduled tasks on the same thread. Injectable so that tests run everything on the test thread and move time
 * by hand.
 *
 * <p>Thread-safety: {@link #execute} and {@link #schedule} may be called from any thread.
 */
interface EventLoop {

    /**
     * Runs a task on the loop.
     *
     * @throws RejectedExecutionException after {@link #shutdown()}
     */
    void execute(Runnable task);

    /** Runs a task on the loop after a delay; the handle cancels it. */
    Scheduler.Cancellable schedule(Runnable task, Duration delay);

    /** Stops the loop after the tasks already submitted; delayed tasks are dropped. */
    void shutdown();
}
