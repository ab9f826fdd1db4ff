package io.chitchat.bench.metrics;

import org.HdrHistogram.Histogram;

/**
 * The measurement window of a run: counters and CPU times between {@link Sampler#startMeasuring()} and
 * {@link Sampler#stopMeasuring()}, and the latency histogram of the deliveries received in it (microseconds).
 */
public record Window(long wallNanos, long deliveries, long sent, long frames, long bytes, long serverCpuNanos,
                     long clientCpuNanos, int serverCores, int clientCores, Histogram latency) {

    public double seconds() {
        return wallNanos / 1e9;
    }

    public double deliveriesPerSec() {
        return wallNanos == 0 ? 0 : deliveries / seconds();
    }

    /** Server CPU per cent of its cores, or NaN when the server's CPU time is unknown. */
    public double serverCpuPct() {
        return serverCpuNanos < 0 || wallNanos == 0 ? Double.NaN : 100.0 * serverCpuNanos / wallNanos / serverCores;
    }

    public double clientCpuPct() {
        return clientCpuNanos < 0 || wallNanos == 0 ? Double.NaN : 100.0 * clientCpuNanos / wallNanos / clientCores;
    }

    /** Server CPU microseconds per delivery, or NaN. */
    public double serverMicrosPerDelivery() {
        return serverCpuNanos < 0 || deliveries == 0 ? Double.NaN : serverCpuNanos / 1e3 / deliveries;
    }

    public double clientMicrosPerDelivery() {
        return clientCpuNanos < 0 || deliveries == 0 ? Double.NaN : clientCpuNanos / 1e3 / deliveries;
    }

    /** A latency percentile in milliseconds (NaN without deliveries). */
    public double percentileMs(double percentile) {
        return latency.getTotalCount() == 0 ? Double.NaN : latency.getValueAtPercentile(percentile) / 1e3;
    }

    public double maxMs() {
        return latency.getTotalCount() == 0 ? Double.NaN : latency.getMaxValue() / 1e3;
    }
}
