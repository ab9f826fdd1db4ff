package io.chitchat.bench.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.chitchat.bench.Args;
import io.chitchat.bench.metrics.CpuMeter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The server under test in a child JVM started from the bench's own classpath
 * ({@code java -cp chitchat-bench.jar io.chitchat.bench.BenchMain server ...}), pinned with {@code taskset -c}
 * ({@code --server-cpus}, default {@code 0}). Its CPU time is read from {@code /proc/<pid>/stat}; its counters and
 * live heap come from its {@link StatsEndpoint}. It is destroyed when the run ends (and stops by itself if the bench
 * dies).
 */
final class ChildServer implements ServerHandle {
    private final Process process;
    private final String mode;
    private final URI ws;
    private final StatsClient stats;
    private final String description;
    private final int cores;

    private ChildServer(Process process, String mode, URI ws, URI statsUri, String description, int cores) {
        this.process = process;
        this.mode = mode;
        this.ws = ws;
        this.stats = new StatsClient(statsUri);
        this.description = description;
        this.cores = cores;
    }

    static ChildServer launch(Args args, String mode, Map<String, String> options) throws Exception {
        String cpus = ChildJvm.cpus(args);
        String jvm = args.string("server-jvm", "-Xms1g -Xmx2g");
        String host = args.string("server-host", "127.0.0.1");
        Path log = Path.of(args.string("server-log", Files.createTempFile("chitchat-bench-server-", ".log").toString()));
        Path ready = Files.createTempFile("chitchat-bench-ready-", ".json");
        Files.delete(ready);

        List<String> benchArgs = new ArrayList<>(List.of("server", "--ready-file", ready.toString(), "--mode", mode,
                "--host", host, "--port", "0"));
        options.forEach((k, v) -> {
            benchArgs.add("--" + k);
            benchArgs.add(v);
        });
        Process p = ChildJvm.start(cpus, jvm, benchArgs, log, false);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!Files.exists(ready)) {
            if (!p.isAlive()) {
                throw new IllegalStateException("the server under test exited with " + p.exitValue() + "; see " + log
                        + ":\n" + ChildJvm.tail(log));
            }
            if (System.nanoTime() > deadline) {
                p.destroy();
                throw new IllegalStateException("the server under test did not start within 60 s; see " + log);
            }
            Thread.sleep(50);
        }
        JsonNode r = new ObjectMapper().readTree(ready.toFile());
        Files.deleteIfExists(ready);
        String description = "child JVM pid " + p.pid() + ChildJvm.pinning(cpus) + ", JVM options '" + jvm
                + "', settings " + r.get("settings") + ", log " + log;
        return new ChildServer(p, mode, URI.create(r.get("ws").asText()), URI.create(r.get("stats").asText()),
                description, ChildJvm.cores(cpus));
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
        return description;
    }

    @Override
    public long cpuNanos() {
        return CpuMeter.procNanos(process.pid());
    }

    @Override
    public int cores() {
        return cores;
    }

    @Override
    public Map<String, Object> stats() {
        return stats.get("stats", Duration.ofSeconds(10));
    }

    @Override
    public long heapAfterGc() {
        return StatsClient.number(stats.get("gc", Duration.ofSeconds(60)), "heap_after_gc");
    }

    @Override
    public void close() {
        process.destroy();
        ChildJvm.awaitExit(process);
    }
}
