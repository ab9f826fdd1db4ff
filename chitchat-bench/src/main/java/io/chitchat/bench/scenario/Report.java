package io.chitchat.bench.scenario;

import io.chitchat.bench.metrics.Window;
import io.chitchat.bench.report.RunReport;

/** The result keys every measured scenario reports from its window, under the same names. */
public final class Report {
    /** Server-bound: the server's core at least this busy... */
    static final double SERVER_BUSY_PCT = 95;
    /** ...and the client's below this. */
    static final double CLIENT_BUSY_PCT = 90;

    private Report() {}

    public static void window(RunReport r, Window w) {
        r.put("measured_s", w.seconds())
                .put("deliveries", w.deliveries())
                .put("deliveries_per_s", w.deliveriesPerSec())
                .put("p50_ms", w.percentileMs(50))
                .put("p99_ms", w.percentileMs(99))
                .put("p999_ms", w.percentileMs(99.9))
                .put("max_ms", w.maxMs())
                .put("server_cpu_pct", w.serverCpuPct())
                .put("client_cpu_pct", w.clientCpuPct())
                .put("server_us_per_delivery", w.serverMicrosPerDelivery())
                .put("client_us_per_delivery", w.clientMicrosPerDelivery())
                .put("server_bound", w.serverCpuPct() >= SERVER_BUSY_PCT && w.clientCpuPct() < CLIENT_BUSY_PCT)
                .put("server_cores", w.serverCores())
                .put("client_cores", w.clientCores());
    }
}
