package io.chitchat.bench.metrics;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * The counters of a run and its latency recorder. Every client thread records into them without locks (LongAdder,
 * HdrHistogram's wait-free {@link Recorder}); the {@link Sampler} takes an interval histogram once a second.
 * Latencies are recorded in microseconds, from 1 µs to 1 hour, 3 significant digits.
 *
 * <p>Thread-safe.
 */
public final class Metrics {
    static final long MAX_MICROS = TimeUnit.HOURS.toMicros(1);

    /** Bench messages received (one per member per message). */
    public final LongAdder deliveries = new LongAdder();
    /** Messages sent by the bench's senders. */
    public final LongAdder sent = new LongAdder();
    /** Every frame and byte received, of any kind. */
    public final LongAdder framesIn = new LongAdder();
    public final LongAdder bytesIn = new LongAdder();
    /** Entries missing in a connection's seq order (counted when the next one arrives). */
    public final LongAdder gaps = new LongAdder();
    /** Entries (or bench messages of one sender) that arrived after a later one, or twice. */
    public final LongAdder reordered = new LongAdder();
    /** Error frames received, and connections that closed when they should not have. */
    public final LongAdder errors = new LongAdder();
    public final LongAdder unexpectedCloses = new LongAdder();

    private final Recorder latency = new Recorder(1, MAX_MICROS, 3);

    /** Records the latency of one delivery. */
    public void recordLatencyNanos(long nanos) {
        long micros = Math.max(1, Math.min(MAX_MICROS, nanos / 1_000));
        latency.recordValue(micros);
    }

    /** The latencies recorded since the previous call (for the sampler). */
    Histogram intervalLatency(Histogram recycle) {
        return latency.getIntervalHistogram(recycle);
    }

    public static Histogram newHistogram() {
        return new Histogram(1, MAX_MICROS, 3);
    }
}
