package io.chitchat.bench;

import io.chitchat.bench.client.ClientPool;
import io.chitchat.bench.client.SourceAddresses;
import io.chitchat.bench.floor.FloorRun;
import io.chitchat.bench.floor.FloorWriter;
import io.chitchat.bench.metrics.Metrics;
import io.chitchat.bench.metrics.Sampler;
import io.chitchat.bench.report.RunReport;
import io.chitchat.bench.scenario.RunContext;
import io.chitchat.bench.scenario.Scenario;
import io.chitchat.bench.server.BenchServer;
import io.chitchat.bench.server.ServerHandle;
import io.chitchat.bench.server.BenchServerMain;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@code java -jar chitchat-bench.jar <scenario> [options]}: runs one scenario and prints progress lines (stderr) and
 * one {@code RESULT scenario=... key=value ...} line (stdout). {@code server} runs the server under test (the bench
 * launches it so); {@code jmh} runs the JMH benchmarks. See {@code chitchat-bench/README.md} for every option.
 */
public final class BenchMain {
    /** Exit status of a run that completed but lost or reordered deliveries, or leaked. */
    public static final int VIOLATION = 2;

    private static final String USAGE = """
            usage: java -jar chitchat-bench.jar <scenario> [--option value ...]
              scenarios: fanout, bare, connections, joinstorm, protected-joinstorm, churn, floor
              also:      server (the server under test), jmh [JMH options],
                         summarize --dir RESULTS --out docs/benchmark-results.md (the suite's page)
            common options:
              --server child|inprocess|external   (default child: a JVM pinned with taskset -c <--server-cpus 0>)
              --server-jvm "-Xms1g -Xmx2g"  --server-log FILE  --url ws://... --stats-url http://... --server-pid PID
              --sources N  --per-source 1000  --source-first 127.0.0.1
              --client nio|jetty  --client-threads N (nio: 1, jetty: 4)  --connect-concurrency 64
              --connect-timeout 15s
              --json FILE  --html FILE  --quiet  --progress 1s
              server limits: --send-rate 1000000 --max-members 100000 --empty-room-ttl D --grace D
                             --password-iterations N --workers N
            floor (the kernel's cost of one loopback TCP write per recipient; no WebSocket server):
              --connections 1000 --rate 100 --warmup 5s --duration 20s --size 90 [--gather] --drain 5s
              and --server-cpus, --server-jvm, --server-log, --sources, --per-source, --source-first,
              --connect-timeout, --json, --html, --quiet, --progress
            """;

    private BenchMain() {}

    public static void main(String[] argv) throws Exception {
        System.exit(run(argv, System.out, System.err));
    }

    /** Runs the command; returns the exit status (0 ok, 1 failed, 2 violations found). */
    public static int run(String[] argv, PrintStream out, PrintStream err) throws Exception {
        if (argv.length == 0 || argv[0].equals("--help") || argv[0].equals("help")) {
            out.print(USAGE);
            return argv.length == 0 ? 1 : 0;
        }
        String command = argv[0];
        String[] rest = Arrays.copyOfRange(argv, 1, argv.length);
        if (command.equals("server")) {
            BenchServerMain.run(new Args(rest));
            return 0;
        }
        if (command.equals("summarize")) {
            Args a = new Args(rest);
            Path dir = Path.of(a.string("dir", "bench-results"));
            Path target = Path.of(a.string("out", "docs/benchmark-results.md"));
            String title = a.string("title", "ChitChat benchmark results");
            a.checkAllUsed();
            io.chitchat.bench.report.Summary.run(dir, target, title);
            out.println("wrote " + target);
            return 0;
        }
        if (command.equals("jmh")) {
            org.openjdk.jmh.Main.main(rest);
            return 0;
        }
        if (command.equals("floor-writer")) {
            FloorWriter.run(new Args(rest));
            return 0;
        }
        Args args = new Args(rest);
        Scenario scenario = null;
        if (!command.equals("floor")) {
            try {
                scenario = Scenario.of(command, args);
            } catch (IllegalArgumentException e) {
                err.println(e.getMessage());
                err.print(USAGE);
                return 1;
            }
        }
        String jsonFile = args.string("json", null);
        String htmlFile = args.string("html", null);
        RunReport report;
        try {
            report = scenario == null ? FloorRun.run(args, err) : run(scenario, args, err);
        } catch (IllegalArgumentException e) {
            err.println("error: " + e.getMessage());
            return 1;
        } catch (IllegalStateException e) {
            // a run that could not complete (connections refused, joins failed, server did not start)
            err.println("failed: " + e.getMessage());
            return 1;
        }
        out.println(report.resultLine());
        for (String note : report.notes()) {
            err.println("# note: " + note);
        }
        if (jsonFile != null) {
            report.writeJson(Path.of(jsonFile));
        }
        if (htmlFile != null) {
            report.writeHtml(Path.of(htmlFile));
        }
        return violations(report) ? VIOLATION : 0;
    }

    /** Runs a scenario against the server under test with the load client: the common options are read here. */
    private static RunReport run(Scenario scenario, Args args, PrintStream err) throws Exception {
        Map<String, String> serverOptions = new LinkedHashMap<>(scenario.serverOptions());
        for (String option : BenchServer.OPTIONS) {
            if (!List.of("mode", "host", "port").contains(option) && args.has(option)) {
                serverOptions.put(option, args.string(option, null));
            }
        }
        boolean quiet = args.flag("quiet");
        Duration progress = args.duration("progress", "1s");
        String clientKind = args.string("client", "nio");
        int threads = args.integer("client-threads", clientKind.equals("nio") ? 1 : 4);
        int concurrency = args.integer("connect-concurrency", 64);
        Duration connectTimeout = args.duration("connect-timeout", "15s");
        int perSource = args.integer("per-source", 1000);
        String firstSource = args.string("source-first", "127.0.0.1");
        int sourcesOption = args.integer("sources", 0);

        RunReport report = new RunReport(scenario.name(), args.asMap());
        try (ServerHandle server = ServerHandle.open(args, scenario.serverMode(), serverOptions)) {
            args.checkAllUsed();
            report.server(server.description());
            String host = server.wsUri().getHost();
            int sources = sourcesOption > 0 ? sourcesOption
                    : Math.max(1, (scenario.connections() + perSource - 1) / perSource);
            SourceAddresses addresses = host.startsWith("127.") || host.equals("localhost")
                    ? SourceAddresses.loopback(firstSource, sources) : SourceAddresses.none();
            err.println("# " + scenario.name() + " against " + server.description());
            err.println("# " + scenario.connections() + " connections from " + addresses.size()
                    + " source address(es) " + addresses);
            Metrics metrics = new Metrics();
            AtomicInteger open = new AtomicInteger();
            try (ClientPool pool = ClientPool.create(clientKind, addresses, threads, concurrency, connectTimeout);
                 Sampler sampler = new Sampler(metrics, server, open::get, quiet ? null : err, progress)) {
                RunContext ctx = new RunContext(args, server, pool, metrics, sampler, report, err, open);
                report.put("client", clientKind).put("sources", addresses.size());
                scenario.run(ctx);
            }
        }
        return report;
    }

    private static boolean violations(RunReport report) {
        for (String key : List.of("lost", "gaps", "reordered", "leaked_connections", "leaked_rooms", "lost_bytes",
                "bad_frames")) {
            if (report.get(key) instanceof Number n && n.longValue() != 0) {
                return true;
            }
        }
        return false;
    }
}
