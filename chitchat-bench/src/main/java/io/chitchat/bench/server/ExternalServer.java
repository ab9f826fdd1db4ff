package io.chitchat.bench.server;

import io.chitchat.bench.Args;
import io.chitchat.bench.metrics.CpuMeter;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A server started elsewhere ({@code --url ws://host:port/ws}, e.g. {@code chitchat-server.jar}). CPU comes from
 * {@code /proc/<--server-pid>/stat}; counters from {@code --stats-url} (a bench server's stats endpoint) if given;
 * the live heap from {@code jcmd <pid> GC.run} and {@code GC.heap_info} when only the pid is known.
 */
final class ExternalServer implements ServerHandle {
    /** A heap line of GC.heap_info: G1's one, or each generation of Serial and Parallel GC. */
    private static final Pattern USED = Pattern.compile("total \\d+K, used (\\d+)K");
    private final String mode;
    private final URI ws;
    private final StatsClient stats;
    private final long pid;
    private final int cores;

    private ExternalServer(String mode, URI ws, StatsClient stats, long pid, int cores) {
        this.mode = mode;
        this.ws = ws;
        this.stats = stats;
        this.pid = pid;
        this.cores = cores;
    }

    static ExternalServer connect(Args args, String mode) {
        String url = args.string("url", null);
        if (url == null) {
            throw new IllegalArgumentException("--server external needs --url ws://host:port/ws");
        }
        String statsUrl = args.string("stats-url", null);
        long pid = args.integer("server-pid", -1);
        int cores = pid > 0 ? CpuMeter.allowedCores(Long.toString(pid)) : -1;
        return new ExternalServer(mode, URI.create(url), statsUrl == null ? null : new StatsClient(URI.create(statsUrl)),
                pid, cores);
    }

    @Override
    public String mode() {
        return mode;
    }

    @Override
    public URI wsUri() {
        return ws;
    }

    @Override
    public String description() {
        return "external server at " + ws + (pid > 0 ? ", pid " + pid + " on " + cores + " core(s)" : ", pid unknown");
    }

    @Override
    public long cpuNanos() {
        return pid > 0 ? CpuMeter.procNanos(pid) : -1;
    }

    @Override
    public int cores() {
        return cores;
    }

    @Override
    public Map<String, Object> stats() {
        return stats == null ? Map.of() : stats.get("stats", Duration.ofSeconds(10));
    }

    @Override
    public long heapAfterGc() {
        if (stats != null) {
            return StatsClient.number(stats.get("gc", Duration.ofSeconds(60)), "heap_after_gc");
        }
        if (pid <= 0) {
            return -1;
        }
        try {
            for (int i = 0; i < 3; i++) {
                jcmd("GC.run");
            }
            long used = -1;
            for (String line : jcmd("GC.heap_info").split("\n")) {
                Matcher m = USED.matcher(line);
                if (!line.contains("Metaspace") && !line.contains("class space") && m.find()) {
                    used = Math.max(0, used) + Long.parseLong(m.group(1)) * 1024;
                }
            }
            return used;
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    private String jcmd(String command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("jcmd", Long.toString(pid), command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor(60, TimeUnit.SECONDS);
        return out;
    }

    @Override
    public void close() {
        // not ours to stop
    }
}
