package io.chitchat.bench.floor;

import io.chitchat.bench.Args;
import io.chitchat.bench.client.SourceAddresses;
import io.chitchat.bench.metrics.Metrics;
import io.chitchat.bench.metrics.Sampler;
import io.chitchat.bench.metrics.Window;
import io.chitchat.bench.report.RunReport;
import io.chitchat.bench.scenario.Report;
import io.chitchat.bench.scenario.Setup;
import io.chitchat.bench.server.ChildJvm;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@code chitchat-bench.jar floor}: the physical cost floor of the fan-out on this machine, with no WebSocket server.
 * A {@link FloorWriter} in a child JVM pinned like the server under test ({@code --server-cpus}) writes one small
 * WebSocket frame to each of {@code --connections} loopback TCP connections, {@code --rate} rounds a second; this
 * JVM holds the other ends and reads them with one selector thread ({@link FloorReader}). The result is what the
 * kernel charges for one write per recipient: {@code server_us_per_write} (writing-thread CPU per write, split into
 * user and system), {@code round_cpu_ms} (per round: the least core time one message's fan-out to that many members
 * can cost) and the wall time of a round, next to the usual window keys (frames received as deliveries, their
 * latency from the round's due time, both processes' CPU). {@code lost_bytes}: every round's frame to every
 * connection, minus what the connections received.
 *
 * <p>Not thread-safe: one run at a time, from one thread.
 */
public final class FloorRun {
    private FloorRun() {}

    /** Runs the scenario and returns its report; progress lines go to {@code log} unless {@code --quiet}. */
    public static RunReport run(Args args, PrintStream log) throws Exception {
        FloorOptions o = FloorOptions.from(args);
        int connections = o.connections();
        FloorFrame frame = o.frame();
        Duration drain = o.drain();
        Duration connectTimeout = args.duration("connect-timeout", "15s");
        boolean quiet = args.flag("quiet");
        Duration progress = args.duration("progress", "1s");
        int perSource = args.integer("per-source", 1000);
        String firstSource = args.string("source-first", "127.0.0.1");
        int sourcesOption = args.integer("sources", 0);
        String kind = args.string("server", "child");
        String cpus = ChildJvm.cpus(args);
        String jvm = args.string("server-jvm", "-Xms64m -Xmx256m");
        Path writerLog = Path.of(args.string("server-log",
                Files.createTempFile("chitchat-bench-floor-", ".log").toString()));
        args.checkAllUsed();
        if (!kind.equals("child")) {
            throw new IllegalArgumentException("floor runs its own writer in a child JVM: --server must be child, was '"
                    + kind + "'");
        }
        SourceAddresses sources = SourceAddresses.loopback(firstSource,
                sourcesOption > 0 ? sourcesOption : Math.max(1, (connections + perSource - 1) / perSource));

        List<String> writerArgs = new ArrayList<>(List.of("floor-writer"));
        writerArgs.addAll(o.toArgs());
        RunReport report = new RunReport("floor", args.asMap());
        Metrics metrics = new Metrics();
        AtomicLong rounds = new AtomicLong();
        Duration slack = Duration.ofSeconds(60);
        try (WriterProcess writer = WriterProcess.launch(cpus, jvm, writerLog, writerArgs,
                     n -> metrics.sent.add(n - rounds.getAndSet(n)));
             FloorReader reader = new FloorReader(metrics, frame);
             Sampler sampler = new Sampler(metrics, writer, reader::open, quiet ? null : log, progress)) {
            report.server(writer.description());
            log.println("# floor: " + connections + " loopback TCP connections from " + sources.size()
                    + " source address(es) " + sources + ", " + (o.gather() ? "gathering" : "plain") + " writes of "
                    + frame.length() + "-byte frames; " + writer.description());
            sampler.phase("connect");
            reader.connect(new InetSocketAddress("127.0.0.1", writer.port()), connections, sources, connectTimeout);
            reader.start();
            sampler.phase("warmup");
            writer.await("MEASURE", o.warmup().plus(connectTimeout).plus(slack));
            sampler.phase("measure");
            double from = sampler.elapsedSeconds();
            sampler.startMeasuring();
            writer.await("END", o.duration().plus(slack));
            Window w = sampler.stopMeasuring();
            double to = sampler.elapsedSeconds();
            sampler.phase("drain");
            WriterFigures f = writer.awaitFigures(drain.plus(slack));
            Setup.drain(reader::receivedBytes, f.writtenBytes(), drain);

            long expected = f.rounds() * connections * frame.length();
            long received = reader.receivedBytes();
            report.put("connections", connections).put("rate", o.rate()).put("size", frame.size())
                    .put("frame_bytes", frame.length()).put("gather", o.gather())
                    .put("writes", f.windowWrites())
                    .put("server_us_per_write", f.usPerWrite())
                    .put("server_user_us_per_write", f.userUsPerWrite())
                    .put("server_sys_us_per_write", f.sysUsPerWrite())
                    .put("round_cpu_ms", f.roundCpuMs())
                    .put("round_ms_p50", f.roundMicrosP50() / 1e3)
                    .put("round_ms_p99", f.roundMicrosP99() / 1e3)
                    .put("round_ms_max", f.roundMicrosMax() / 1e3)
                    .put("server_cpu_pct", w.serverCpuPct())
                    .put("client_cpu_pct", w.clientCpuPct())
                    .put("lost_bytes", expected - received);
            Report.window(report, w);
            report.put("writer_thread_cpu_pct", f.threadCpuPct())
                    .put("writer_process_us_per_write", f.processUsPerWrite())
                    .put("server_core_us_per_write", f.coreUsPerWrite())
                    .put("rounds_measured", f.windowRounds()).put("rounds", f.rounds())
                    .put("partial_writes", f.partialWrites()).put("dropped_frames", f.droppedFrames())
                    .put("write_errors", f.writeErrors()).put("unflushed_bytes", f.unflushedBytes())
                    .put("bad_frames", reader.badFrames())
                    .put("expected_bytes", expected).put("written_bytes", f.writtenBytes())
                    .put("received_bytes", received);
            if (f.windowRounds() < o.rate() * w.seconds() * 0.98) {
                report.note("the writer fell behind: " + f.windowRounds() + " rounds in " + w.seconds()
                        + " s at --rate " + o.rate() + " (a round takes longer than 1/rate)");
            }
            report.timeline(sampler.timeline(), from, to);
            report.latency(w.latency());
            sampler.phase("close");
        }
        return report;
    }
}
