package io.chitchat.bench.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.chitchat.bench.metrics.Sample;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * {@code chitchat-bench.jar summarize --dir RESULTS --out docs/benchmarks.md}: turns the JSON reports of a suite run
 * ({@code <benchmark>-run<k>.json}; warm-up runs are named {@code -warmup} and ignored) into the markdown page: the
 * machine, the commands ({@code commands.tsv}), a table per benchmark with every run and the median, the targets
 * with the medians against them, JMH results ({@code jmh.json}) and SVG charts of the median run.
 */
public final class Summary {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> FANOUT = List.of("deliveries_per_s", "server_us_per_delivery",
            "client_us_per_delivery", "server_cpu_pct", "client_cpu_pct", "server_bound", "p50_ms", "p99_ms",
            "p999_ms", "max_ms", "lost", "reordered");

    /** The suite's benchmarks, in the order of the page. */
    private record Bench(String id, String title, List<String> keys) {}

    private static final List<Bench> BENCHES = List.of(
            new Bench("fanout-saturated", "Saturated fan-out: 1 room of 1,000 members, 1 sender, closed loop", FANOUT),
            new Bench("bare-saturated", "Bare Jetty broadcast endpoint, same client and workload", FANOUT),
            new Bench("fanout-latency", "Latency: 100 messages/s into a room of 1,000 members", FANOUT),
            new Bench("floor-latency", "Floor: raw loopback writes of a 200-byte frame to 1,000 connections, 100 "
                    + "rounds/s, no WebSocket server (what the kernel alone costs for the latency workload)",
                    List.of("server_us_per_write", "server_user_us_per_write", "server_sys_us_per_write",
                            "server_cpu_pct", "client_cpu_pct", "p50_ms", "p99_ms", "p999_ms", "max_ms",
                            "round_ms_p99", "lost_bytes")),
            new Bench("connections-memory", "5,000 idle joined connections (rooms of 100): heap per connection",
                    List.of("connected", "connect_per_s", "join_s", "heap_before_mb", "heap_after_mb",
                            "heap_kb_per_conn")),
            new Bench("connections-19k", "19,000 connections (rooms of 100), one broadcast a second to all",
                    List.of("connected", "connect_per_s", "connect_and_join_per_s", "heap_kb_per_conn",
                            "deliveries_per_s", "p50_ms", "p99_ms", "p999_ms", "max_ms", "lost", "reordered")),
            new Bench("joinstorm-1000", "Join storm: 1,000 clients join one room",
                    List.of("all_joined_s", "settled_s", "bytes_per_member", "frames_per_member",
                            "server_cpu_ms_per_join", "gaps", "reordered")),
            new Bench("joinstorm-5000", "Join storm: 5,000 clients join one room",
                    List.of("all_joined_s", "settled_s", "bytes_per_member", "frames_per_member",
                            "server_cpu_ms_per_join", "gaps", "reordered")),
            new Bench("protected-joinstorm", "Password-protected join storm: 200 clients, then all resume",
                    List.of("all_joined_s", "password_checks", "server_cpu_ms_per_join", "join_retries",
                            "resume_all_joined_s", "resume_password_checks", "resume_server_cpu_ms_per_join")),
            new Bench("churn", "Churn: connect / join / send / leave (10% drop) loops, then leak check",
                    List.of("cycles_per_s", "failed_cycles", "errors", "gaps", "reordered", "p99_ms",
                            "leaked_connections", "leaked_rooms", "heap_growth_kb")));

    private Summary() {}

    public static void run(Path dir, Path out, String title) throws IOException {
        Map<String, List<JsonNode>> runs = new TreeMap<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : (Iterable<Path>) files.sorted()::iterator) {
                String name = f.getFileName().toString();
                int at = name.lastIndexOf("-run");
                if (name.endsWith(".json") && at > 0) {
                    runs.computeIfAbsent(name.substring(0, at), k -> new ArrayList<>()).add(JSON.readTree(f.toFile()));
                }
            }
        }
        Map<String, String> commands = new LinkedHashMap<>();
        Path commandFile = dir.resolve("commands.tsv");
        if (Files.exists(commandFile)) {
            for (String line : Files.readAllLines(commandFile)) {
                int tab = line.indexOf('\t');
                if (tab > 0) {
                    commands.put(line.substring(0, tab), line.substring(tab + 1));
                }
            }
        }
        Path charts = out.resolveSibling(stripExtension(out.getFileName().toString()));
        Files.createDirectories(charts);
        StringBuilder md = new StringBuilder();
        md.append("# ").append(title).append("\n\n");
        md.append("Generated by `chitchat-bench/run-suite.sh` (`chitchat-bench.jar summarize`). Each benchmark ran once "
                + "as a warm-up (discarded), then the runs listed; the **median** row is what the targets are judged "
                + "on. The server under test runs in its own JVM pinned to one core (`taskset -c 0`), the load client "
                + "on the other (`taskset -c 1`), over loopback.\n\n");
        machine(md, dir, runs);
        targets(md, runs);
        for (Bench b : BENCHES) {
            List<JsonNode> list = runs.get(b.id);
            if (list == null || list.isEmpty()) {
                continue;
            }
            md.append("## ").append(b.title).append("\n\n");
            if (commands.containsKey(b.id)) {
                md.append("```\n").append(commands.get(b.id)).append("\n```\n\n");
            }
            table(md, b, list);
            chartsFor(md, b, list, charts, out);
        }
        jmh(md, dir.resolve("jmh.json"), commands.get("jmh"));
        peers(md);
        Files.writeString(out, md.toString(), StandardCharsets.UTF_8);
    }

    private static void machine(StringBuilder md, Path dir, Map<String, List<JsonNode>> runs) throws IOException {
        md.append("## Machine\n\n");
        JsonNode any = runs.values().stream().flatMap(List::stream).findFirst().orElse(null);
        if (any != null) {
            JsonNode m = any.path("machine");
            md.append("| | |\n|---|---|\n");
            for (Map.Entry<String, JsonNode> e : m.properties()) {
                md.append("| ").append(e.getKey()).append(" | ").append(e.getValue().asText()).append(" |\n");
            }
        }
        Path notes = dir.resolve("machine.txt");
        if (Files.exists(notes)) {
            md.append("\n```\n").append(Files.readString(notes).trim()).append("\n```\n");
        }
        md.append('\n');
    }

    private static void table(StringBuilder md, Bench b, List<JsonNode> list) {
        md.append("| run |");
        b.keys.forEach(k -> md.append(' ').append(k).append(" |"));
        md.append("\n|---|");
        b.keys.forEach(k -> md.append("---:|"));
        md.append('\n');
        for (int i = 0; i < list.size(); i++) {
            md.append("| ").append(i + 1).append(" |");
            for (String k : b.keys) {
                md.append(' ').append(cell(list.get(i).path("result").get(k))).append(" |");
            }
            md.append('\n');
        }
        md.append("| **median** |");
        for (String k : b.keys) {
            md.append(" **").append(medianCell(list, k)).append("** |");
        }
        md.append("\n\n");
    }

    private static void chartsFor(StringBuilder md, Bench b, List<JsonNode> list, Path charts, Path out)
            throws IOException {
        JsonNode median = medianRun(list);
        List<double[]> curve = new ArrayList<>();
        for (JsonNode p : median.path("latency_percentiles")) {
            curve.add(new double[] {p.path("percentile").asDouble(), p.path("ms").asDouble()});
        }
        String rel = out.getParent() == null ? charts.getFileName().toString()
                : out.getParent().relativize(charts).toString();
        if (!curve.isEmpty()) {
            Files.writeString(charts.resolve(b.id + "-latency.svg"), HtmlReport.percentileChart(curve));
            md.append("![").append(b.id).append(" latency by percentile](").append(rel).append('/').append(b.id)
                    .append("-latency.svg)\n\n");
        }
        List<Sample> samples = new ArrayList<>();
        for (JsonNode s : median.path("timeline")) {
            samples.add(new Sample(s.path("t").asDouble(), s.path("phase").asText(), num(s, "deliveries_per_s"),
                    num(s, "sent_per_s"), num(s, "frames_per_s"), num(s, "p50_ms"), num(s, "p99_ms"),
                    num(s, "max_ms"), num(s, "server_cpu_pct"), num(s, "client_cpu_pct"),
                    s.path("connections").asLong()));
        }
        if (!samples.isEmpty()) {
            double from = median.path("measure_from_s").isNumber() ? median.path("measure_from_s").asDouble()
                    : Double.NaN;
            double to = median.path("measure_to_s").isNumber() ? median.path("measure_to_s").asDouble() : Double.NaN;
            Files.writeString(charts.resolve(b.id + "-throughput.svg"), HtmlReport.throughputChart(samples, from, to));
            md.append("![").append(b.id).append(" throughput over time](").append(rel).append('/').append(b.id)
                    .append("-throughput.svg)\n\n");
        }
    }

    private static double num(JsonNode n, String key) {
        JsonNode v = n.get(key);
        return v == null || !v.isNumber() ? Double.NaN : v.asDouble();
    }

    /** The run whose p99 (or first key) is the median, for the charts. */
    private static JsonNode medianRun(List<JsonNode> list) {
        List<JsonNode> sorted = new ArrayList<>(list);
        sorted.sort((a, b) -> Double.compare(a.path("result").path("p99_ms").asDouble(0),
                b.path("result").path("p99_ms").asDouble(0)));
        return sorted.get(sorted.size() / 2);
    }

    private static void targets(StringBuilder md, Map<String, List<JsonNode>> runs) {
        md.append("## Targets\n\n| # | target | measured (median) | met |\n|---|---|---|---|\n");
        List<JsonNode> sat = runs.get("fanout-saturated");
        if (sat != null) {
            List<JsonNode> bound = sat.stream().filter(r -> r.path("result").path("server_bound").asBoolean())
                    .toList();
            if (bound.isEmpty()) {
                row(md, "1", "server CPU per delivery ≤ 2.5 µs (server-bound runs)", "no server-bound run: server "
                        + medianCell(sat, "server_cpu_pct") + " %, client " + medianCell(sat, "client_cpu_pct")
                        + " %, " + medianCell(sat, "server_us_per_delivery") + " µs", "n/a");
            } else {
                double us = median(bound, "server_us_per_delivery");
                row(md, "1", "server CPU per delivery ≤ 2.5 µs (server-bound runs)", fmt(us) + " µs ("
                        + bound.size() + " of " + sat.size() + " runs server-bound)", us <= 2.5);
            }
        }
        List<JsonNode> lat = runs.get("fanout-latency");
        if (lat != null) {
            double p99 = median(lat, "p99_ms");
            double p999 = median(lat, "p999_ms");
            List<JsonNode> floor = runs.get("floor-latency");
            String context = "; " + fmt(median(lat, "server_us_per_delivery")) + " µs server CPU per delivery";
            if (floor != null) {
                context += ". Floor (raw writes, no server): p99 " + fmt(median(floor, "p99_ms")) + " ms, p99.9 "
                        + fmt(median(floor, "p999_ms")) + " ms, " + fmt(median(floor, "server_us_per_write"))
                        + " µs per write";
            }
            row(md, "2", "p99 ≤ 5 ms and p99.9 ≤ 20 ms at 100 msg/s into 1,000 members",
                    "p99 " + fmt(p99) + " ms, p99.9 " + fmt(p999) + " ms" + context, p99 <= 5 && p999 <= 20);
        }
        List<JsonNode> mem = runs.get("connections-memory");
        if (mem != null) {
            double kb = median(mem, "heap_kb_per_conn");
            row(md, "3", "≤ 8 KB heap per idle joined connection (5,000)", fmt(kb) + " KB", kb <= 8);
        }
        List<JsonNode> big = runs.get("connections-19k");
        if (big != null) {
            double connected = median(big, "connected");
            double p99 = median(big, "p99_ms");
            double rate = median(big, "connect_per_s");
            row(md, "4", "19,000 connections, broadcast p99 < 500 ms, connecting ≥ 2,000/s", fmt(connected)
                    + " connected, p99 " + fmt(p99) + " ms, " + fmt(rate) + " conn/s",
                    connected >= 19_000 && p99 < 500 && rate >= 2000);
        }
        List<JsonNode> js5 = runs.get("joinstorm-5000");
        List<JsonNode> js1 = runs.get("joinstorm-1000");
        if (js5 != null) {
            double s = median(js5, "all_joined_s");
            String growth = "";
            boolean linear = true;
            if (js1 != null) {
                double ratio = median(js5, "bytes_per_member") / median(js1, "bytes_per_member");
                growth = String.format(Locale.ROOT, "; bytes per member ×%.2f from 1,000 to 5,000 (linear ≈ 5, "
                        + "quadratic ≈ 25)", ratio);
                linear = ratio <= 7.5;
            }
            row(md, "5", "join storm of 5,000 all joined ≤ 10 s; bytes per member linear", fmt(s) + " s" + growth,
                    s <= 10 && linear);
        }
        List<JsonNode> prot = runs.get("protected-joinstorm");
        if (prot != null) {
            double checks = median(prot, "resume_password_checks");
            row(md, "6", "protected join storm of 200: time to all joined; resume costs no hash",
                    fmt(median(prot, "all_joined_s")) + " s; " + fmt(checks) + " password checks on resume ("
                            + fmt(median(prot, "resume_server_cpu_ms_per_join")) + " ms server CPU per resume vs "
                            + fmt(median(prot, "server_cpu_ms_per_join")) + " ms per password join)", checks == 0);
        }
        List<JsonNode> bare = runs.get("bare-saturated");
        if (sat != null && bare != null) {
            double ratio = median(sat, "deliveries_per_s") / median(bare, "deliveries_per_s");
            double cpuRatio = median(bare, "server_us_per_delivery") / median(sat, "server_us_per_delivery");
            boolean saturated = median(sat, "server_cpu_pct") >= 95 && median(bare, "server_cpu_pct") >= 95;
            row(md, "7", "ChitChat / bare Jetty ≥ 0.8 (saturated deliveries/s)", fmt(ratio) + " ("
                    + fmt(median(sat, "deliveries_per_s")) + " / " + fmt(median(bare, "deliveries_per_s"))
                    + "); by server CPU per delivery " + fmt(cpuRatio) + (saturated ? ""
                    : "; **not both servers saturated** (server CPU " + fmt(median(sat, "server_cpu_pct")) + " % / "
                    + fmt(median(bare, "server_cpu_pct")) + " %): compare the CPU ratio or raise WINDOW"),
                    saturated ? ratio >= 0.8 : "n/a");
        }
        List<JsonNode> churn = runs.get("churn");
        if (churn != null) {
            double leaks = median(churn, "leaked_connections") + median(churn, "leaked_rooms");
            row(md, "-", "churn: rooms and connections return to zero", fmt(leaks) + " leaked", leaks == 0);
        }
        md.append('\n');
    }

    private static void row(StringBuilder md, String n, String target, String measured, Object met) {
        String mark = met instanceof Boolean b ? (b ? "yes" : "**no**") : String.valueOf(met);
        md.append("| ").append(n).append(" | ").append(target).append(" | ").append(measured).append(" | ")
                .append(mark).append(" |\n");
    }

    private static void jmh(StringBuilder md, Path file, String command) throws IOException {
        if (!Files.exists(file)) {
            return;
        }
        md.append("## JMH\n\n");
        if (command != null) {
            md.append("```\n").append(command).append("\n```\n\n");
        }
        md.append("| benchmark | params | score | error | unit |\n|---|---|---:|---:|---|\n");
        for (JsonNode r : JSON.readTree(file.toFile())) {
            String name = r.path("benchmark").asText();
            name = name.substring(name.lastIndexOf('.', name.lastIndexOf('.') - 1) + 1);
            StringBuilder params = new StringBuilder();
            r.path("params").properties().forEach(e -> params.append(e.getKey()).append('=')
                    .append(e.getValue().asText()).append(' '));
            JsonNode m = r.path("primaryMetric");
            md.append("| ").append(name).append(" | ").append(params.toString().trim()).append(" | ")
                    .append(fmt(m.path("score").asDouble())).append(" | ")
                    .append(fmt(m.path("scoreError").asDouble(Double.NaN))).append(" | ")
                    .append(m.path("scoreUnit").asText()).append(" |\n");
        }
        md.append('\n');
    }

    private static void peers(StringBuilder md) {
        md.append("## Peers (from the issue, same workload)\n\n")
                .append("| | server CPU / delivery | saturated deliveries/s | p99 at 100 msg/s | heap / idle conn |\n")
                .append("|---|---:|---:|---:|---:|\n")
                .append("| Node ws | ~3.5 µs | ~280k | 6.8 ms | |\n")
                .append("| CometD 8 | ~5.1 µs | 197k | 25 ms | 11.5 KB |\n")
                .append("| ChitChat target | ≤ 2.5 µs | | ≤ 5 ms (p99.9 ≤ 20 ms) | ≤ 8 KB |\n\n");
    }

    private static String cell(JsonNode v) {
        if (v == null || v.isNull()) {
            return "–";
        }
        return v.isNumber() ? fmt(v.asDouble()) : v.asText();
    }

    private static String medianCell(List<JsonNode> list, String key) {
        JsonNode first = list.get(0).path("result").get(key);
        if (first != null && first.isBoolean()) {
            long yes = list.stream().filter(r -> r.path("result").path(key).asBoolean()).count();
            return yes + "/" + list.size();
        }
        if (first != null && first.isTextual()) {
            return first.asText();
        }
        return fmt(median(list, key));
    }

    static double median(List<JsonNode> list, String key) {
        double[] v = list.stream().map(r -> r.path("result").get(key)).filter(n -> n != null && n.isNumber())
                .mapToDouble(JsonNode::asDouble).sorted().toArray();
        if (v.length == 0) {
            return Double.NaN;
        }
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }

    private static String fmt(double d) {
        if (Double.isNaN(d)) {
            return "–";
        }
        if (d == Math.rint(d) && Math.abs(d) < 1e15) {
            return Long.toString((long) d);
        }
        return RunReport.format(d);
    }

    private static String stripExtension(String name) {
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(0, dot) : name;
    }

}
