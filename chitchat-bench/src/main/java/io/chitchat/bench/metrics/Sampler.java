package io.chitchat.bench.metrics;

import io.chitchat.bench.server.ServerHandle;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.LongSupplier;
import org.HdrHistogram.Histogram;

/**
 * Samples a run once per interval on its own daemon thread: counter rates, the interval's latency percentiles and
 * both processes' CPU, kept as the {@link Sample timeline} and printed as a progress line. Between
 * {@link #startMeasuring()} and {@link #stopMeasuring()} it also accumulates the {@link Window} the result is computed
 * from, so warm-up and drain are excluded.
 *
 * <p>Thread-safe.
 */
public final class Sampler implements AutoCloseable {
    private final Metrics metrics;
    private final ServerHandle server;
    private final LongSupplier connections;
    private final PrintStream out;
    private final long intervalNanos;
    private final int clientCores;
    private final long startNanos = System.nanoTime();
    private final List<Sample> timeline = new ArrayList<>();
    private final Thread thread;
    private volatile String phase = "start";
    private volatile boolean running = true;

    private Histogram interval;
    private final Histogram total = Metrics.newHistogram();
    private long lastNanos = startNanos;
    private long lastDeliveries;
    private long lastSent;
    private long lastFrames;
    private long lastServerCpu;
    private long lastClientCpu;

    private boolean measuring;
    private Snapshot windowStart;
    private Window window;

    private record Snapshot(long nanos, long deliveries, long sent, long frames, long bytes, long serverCpu,
                            long clientCpu) {}

    public Sampler(Metrics metrics, ServerHandle server, LongSupplier connections, PrintStream out, Duration every) {
        this.metrics = metrics;
        this.server = server;
        this.connections = connections;
        this.out = out;
        this.intervalNanos = every.toNanos();
        this.clientCores = CpuMeter.allowedCores("self");
        this.lastServerCpu = server.cpuNanos();
        this.lastClientCpu = CpuMeter.selfNanos();
        this.thread = new Thread(this::loop, "bench-sampler");
        thread.setDaemon(true);
        thread.start();
    }

    public void phase(String value) {
        phase = value;
    }

    public int clientCores() {
        return clientCores;
    }

    private void loop() {
        long next = startNanos + intervalNanos;
        while (running) {
            long wait = next - System.nanoTime();
            if (wait > 0) {
                try {
                    Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                } catch (InterruptedException e) {
                    return;
                }
                continue;
            }
            next += intervalNanos;
            tick();
        }
    }

    private synchronized void tick() {
        long now = System.nanoTime();
        interval = metrics.intervalLatency(interval);
        if (measuring) {
            total.add(interval);
        }
        long deliveries = metrics.deliveries.sum();
        long sent = metrics.sent.sum();
        long frames = metrics.framesIn.sum();
        long serverCpu = server.cpuNanos();
        long clientCpu = CpuMeter.selfNanos();
        double secs = (now - lastNanos) / 1e9;
        double serverPct = serverCpu < 0 || lastServerCpu < 0 ? Double.NaN
                : 100.0 * (serverCpu - lastServerCpu) / (now - lastNanos) / Math.max(1, server.cores());
        double clientPct = 100.0 * (clientCpu - lastClientCpu) / (now - lastNanos) / clientCores;
        boolean any = interval.getTotalCount() > 0;
        Sample s = new Sample((now - startNanos) / 1e9, phase, (deliveries - lastDeliveries) / secs,
                (sent - lastSent) / secs, (frames - lastFrames) / secs,
                any ? interval.getValueAtPercentile(50) / 1e3 : Double.NaN,
                any ? interval.getValueAtPercentile(99) / 1e3 : Double.NaN,
                any ? interval.getMaxValue() / 1e3 : Double.NaN, serverPct, clientPct, connections.getAsLong());
        timeline.add(s);
        lastNanos = now;
        lastDeliveries = deliveries;
        lastSent = sent;
        lastFrames = frames;
        lastServerCpu = serverCpu;
        lastClientCpu = clientCpu;
        if (out != null) {
            out.println(String.format(Locale.ROOT,
                    "[%6.1fs] %-9s conns=%d sent/s=%.0f deliv/s=%.0f frames/s=%.0f p50=%.2fms p99=%.2fms max=%.2fms"
                            + " srv_cpu=%.0f%% cli_cpu=%.0f%% gaps=%d reord=%d err=%d",
                    s.seconds(), s.phase(), s.connections(), s.sentPerSec(), s.deliveriesPerSec(), s.framesPerSec(),
                    s.p50Ms(), s.p99Ms(), s.maxMs(), s.serverCpuPct(), s.clientCpuPct(), metrics.gaps.sum(),
                    metrics.reordered.sum(), metrics.errors.sum()));
        }
    }

    private Snapshot snapshot() {
        return new Snapshot(System.nanoTime(), metrics.deliveries.sum(), metrics.sent.sum(), metrics.framesIn.sum(),
                metrics.bytesIn.sum(), server.cpuNanos(), CpuMeter.selfNanos());
    }

    /** Starts the measurement window (latencies recorded before now are not in it). */
    public synchronized void startMeasuring() {
        interval = metrics.intervalLatency(interval);
        total.reset();
        windowStart = snapshot();
        measuring = true;
    }

    /** Ends the measurement window; latencies recorded until now are in it. */
    public synchronized Window stopMeasuring() {
        if (!measuring) {
            throw new IllegalStateException("not measuring");
        }
        interval = metrics.intervalLatency(interval);
        total.add(interval);
        measuring = false;
        Snapshot end = snapshot();
        Snapshot a = windowStart;
        window = new Window(end.nanos - a.nanos, end.deliveries - a.deliveries, end.sent - a.sent,
                end.frames - a.frames, end.bytes - a.bytes,
                a.serverCpu < 0 || end.serverCpu < 0 ? -1 : end.serverCpu - a.serverCpu,
                a.clientCpu < 0 || end.clientCpu < 0 ? -1 : end.clientCpu - a.clientCpu,
                Math.max(1, server.cores()), clientCores, total.copy());
        return window;
    }

    /** The samples so far. */
    public synchronized List<Sample> timeline() {
        return List.copyOf(timeline);
    }

    /** Seconds since the sampler started. */
    public double elapsedSeconds() {
        return (System.nanoTime() - startNanos) / 1e9;
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
    }
}
