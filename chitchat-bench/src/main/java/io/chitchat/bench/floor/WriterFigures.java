package io.chitchat.bench.floor;

/**
 * What the {@code floor} writer reports when it is done (one JSON line, {@code DONE {...}}, on its stdout): totals of
 * the whole run and the figures of its measured window.
 *
 * @param rounds rounds written, warm-up included (one round = one frame to every connection)
 * @param writtenBytes bytes the kernel accepted, warm-up included
 * @param partialWrites writes the kernel took only part of (a full socket buffer)
 * @param droppedFrames frames not written because the previous frame's remainder was still waiting
 * @param writeErrors connections that failed a write (then closed)
 * @param unflushedBytes remainders still unwritten when the writer gave up flushing
 * @param windowNanos wall time of the measured window
 * @param windowRounds rounds in the window
 * @param windowWrites write calls in the window (remainders included)
 * @param threadCpuNanos CPU time of the writing thread in the window, user + system
 * @param threadUserNanos its user part (10 ms ticks, as the kernel accounts it)
 * @param processCpuNanos CPU time of the whole writer JVM in the window (GC, JIT and the rest included)
 * @param coreBusyNanos busy time of the cores the writer is pinned to in the window, from {@code /proc/stat}
 *     (softirq work the kernel did outside the writer's thread, and anything else that ran there); -1 if unknown
 * @param roundMicrosP50 median wall time of one round in the window
 * @param roundMicrosP99 99th percentile of it
 * @param roundMicrosMax the longest round
 */
record WriterFigures(long rounds, long writtenBytes, long partialWrites, long droppedFrames, long writeErrors,
                     long unflushedBytes, long windowNanos, long windowRounds, long windowWrites, long threadCpuNanos,
                     long threadUserNanos, long processCpuNanos, long coreBusyNanos, long roundMicrosP50,
                     long roundMicrosP99, long roundMicrosMax) {

    /** Writing-thread CPU microseconds per write call (NaN without writes). */
    double usPerWrite() {
        return perWrite(threadCpuNanos);
    }

    double userUsPerWrite() {
        return perWrite(threadUserNanos);
    }

    double sysUsPerWrite() {
        return perWrite(threadCpuNanos - threadUserNanos);
    }

    /** The writer JVM's CPU per write (the writing thread, GC, JIT...). */
    double processUsPerWrite() {
        return perWrite(processCpuNanos);
    }

    /** The busy time of the writer's cores per write, or NaN when unknown. */
    double coreUsPerWrite() {
        return coreBusyNanos < 0 ? Double.NaN : perWrite(coreBusyNanos);
    }

    /** Writing-thread CPU milliseconds per round: the core time one message's fan-out costs at the least. */
    double roundCpuMs() {
        return windowRounds == 0 ? Double.NaN : threadCpuNanos / 1e6 / windowRounds;
    }

    /** The writing thread's CPU time in per cent of the window's wall time (100: it never rested). */
    double threadCpuPct() {
        return windowNanos == 0 ? Double.NaN : 100.0 * threadCpuNanos / windowNanos;
    }

    private double perWrite(long nanos) {
        return windowWrites == 0 ? Double.NaN : nanos / 1e3 / windowWrites;
    }
}
