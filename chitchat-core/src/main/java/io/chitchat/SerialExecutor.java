package io.chitchat;

import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs tasks one at a time, in submission order, on a shared executor: the single owner of a room's or a
 * connection's state. A busy owner yields its thread after a batch so that others are not starved.
 */
final class SerialExecutor implements Executor {
    private static final Logger LOG = LoggerFactory.getLogger(SerialExecutor.class);
    private static final int BATCH = 256;

    private final Executor delegate;
    private final String name;
    private final ConcurrentLinkedQueue<Runnable> tasks = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean scheduled = new AtomicBoolean();

    SerialExecutor(Executor delegate, String name) {
        this.delegate = delegate;
        this.name = name;
    }

    @Override
    public void execute(Runnable task) {
        tasks.add(task);
        if (scheduled.compareAndSet(false, true)) {
            submit();
        }
    }

    private void submit() {
        try {
            delegate.execute(this::drain);
        } catch (RejectedExecutionException e) {
            // the engine is closing: the tasks are dropped with it
            tasks.clear();
            scheduled.set(false);
        }
    }

    private void drain() {
        for (int i = 0; i < BATCH; i++) {
            Runnable task = tasks.poll();
            if (task == null) {
                scheduled.set(false);
                // a task added after the poll and before the flag was cleared must not be stranded
                if (tasks.isEmpty() || !scheduled.compareAndSet(false, true)) {
                    return;
                }
                continue;
            }
            try {
                task.run();
            } catch (Throwable t) {
                LOG.error("Unexpected failure in {}", name, t);
            }
        }
        submit();
    }
}
