package io.chitchat.jetty;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.eclipse.jetty.util.component.AbstractLifeCycle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches the open connections of one mount on one timer thread (not a thread per connection): pings a connection
 * that has sent nothing for a ping interval, closes one that has sent nothing, not even a pong, for the idle
 * timeout, and runs the delayed aborts of close handshakes that do not finish. Started and stopped with the context.
 *
 * <p>Thread-safe.
 */
final class ConnectionSupervisor extends AbstractLifeCycle {
    private static final Logger LOG = LoggerFactory.getLogger(ConnectionSupervisor.class);

    private final long pingNanos;
    private final long idleNanos;
    private final long sweepNanos;
    private final String threadName;
    private final Set<JettyConnection> open = ConcurrentHashMap.newKeySet();
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition empty = lock.newCondition();
    private volatile ScheduledThreadPoolExecutor timer;

    ConnectionSupervisor(Duration pingInterval, Duration idleTimeout, String threadName) {
        this.pingNanos = pingInterval.toNanos();
        this.idleNanos = idleTimeout.toNanos();
        // a connection is pinged between 1 and 1.5 ping intervals after it last spoke, never later than 1 s after
        this.sweepNanos = Math.max(TimeUnit.MILLISECONDS.toNanos(10), Math.min(pingNanos / 2, TimeUnit.SECONDS.toNanos(1)));
        this.threadName = threadName;
    }

    @Override
    protected void doStart() {
        ScheduledThreadPoolExecutor t = new ScheduledThreadPoolExecutor(1, r -> {
            Thread thread = new Thread(r, threadName);
            thread.setDaemon(true);
            return thread;
        });
        t.setRemoveOnCancelPolicy(true);
        t.scheduleWithFixedDelay(this::sweep, sweepNanos, sweepNanos, TimeUnit.NANOSECONDS);
        timer = t;
    }

    @Override
    protected void doStop() {
        ScheduledThreadPoolExecutor t = timer;
        timer = null;
        if (t != null) {
            t.shutdownNow();
        }
    }

    void add(JettyConnection connection) {
        open.add(connection);
    }

    void remove(JettyConnection connection) {
        if (open.remove(connection) && open.isEmpty()) {
            lock.lock();
            try {
                empty.signalAll();
            } finally {
                lock.unlock();
            }
        }
    }

    int size() {
        return open.size();
    }

    boolean awaitEmpty(Duration timeout) throws InterruptedException {
        long nanos = timeout.toNanos();
        lock.lock();
        try {
            while (!open.isEmpty()) {
                if (nanos <= 0) {
                    return false;
                }
                nanos = empty.awaitNanos(nanos);
            }
            return true;
        } finally {
            lock.unlock();
        }
    }

    /** Runs a short, non-blocking task after a delay; the returned future cancels it. Null when stopped. */
    ScheduledFuture<?> schedule(Runnable task, Duration delay) {
        ScheduledThreadPoolExecutor t = timer;
        if (t == null) {
            return null;
        }
        try {
            return t.schedule(task, delay.toNanos(), TimeUnit.NANOSECONDS);
        } catch (RuntimeException e) {
            return null; // stopping
        }
    }

    private void sweep() {
        long now = System.nanoTime();
        for (JettyConnection c : open) {
            try {
                long silent = now - c.lastInbound();
                if (silent >= idleNanos) {
                    LOG.debug("Closing {}: silent for {} ms", c, TimeUnit.NANOSECONDS.toMillis(silent));
                    c.close(1001, "idle timeout");
                } else if (silent >= pingNanos && now - c.lastPing() >= pingNanos) {
                    c.ping(now);
                }
            } catch (RuntimeException e) {
                LOG.warn("Supervising {} failed", c, e);
            }
        }
    }
}
