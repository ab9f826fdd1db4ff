package io.chitchat.bench.metrics;

/**
 * One second (one sampling interval) of a run.
 *
 * @param seconds time since the run started, at the end of the interval
 * @param phase what the scenario was doing (connect, warmup, measure, drain, ...)
 * @param deliveriesPerSec bench messages received per second, all members together
 * @param sentPerSec messages sent per second
 * @param framesPerSec frames of any kind received per second
 * @param p50Ms median delivery latency of the interval (NaN without deliveries)
 * @param p99Ms 99th percentile of the interval
 * @param maxMs worst of the interval
 * @param serverCpuPct server CPU time / wall time / server cores (NaN when unknown)
 * @param clientCpuPct this JVM's CPU time / wall time / its cores
 * @param connections open client connections
 */
public record Sample(double seconds, String phase, double deliveriesPerSec, double sentPerSec, double framesPerSec,
                     double p50Ms, double p99Ms, double maxMs, double serverCpuPct, double clientCpuPct,
                     long connections) {}
