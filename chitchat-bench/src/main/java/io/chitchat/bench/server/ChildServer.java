package io.chitchat.bench.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.chitchat.bench.Args;
import io.chitchat.bench.metrics.CpuMeter;
import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
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
        String cpus = args.string("server-cpus", defaultCpus());
        String jvm = args.string("server-jvm", "-Xms1g -Xmx2g");
        String host = args.string("server-host", "127.0.0.1");
        Path log = Path.of(args.string("server-log", Files.createTempFile("chitchat-bench-server-", ".log").toString()));
        Path ready = Files.createTempFile("chitchat-bench-ready-", ".json");
        Files.delete(ready);

        List<String> cmd = new ArrayList<>();
        if (!cpus.isEmpty() && !cpus.equals("none")) {
            cmd.addAll(List.of("taskset", "-c", cpus));
        }
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        if (!jvm.isBlank()) {
            cmd.addAll(Arrays.asList(jvm.trim().split("\\s+")));
        }
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), "io.chitchat.bench.BenchMain", "server",
                "--ready-file", ready.toString(), "--mode", mode, "--host", host, "--port", "0"));
        options.forEach((k, v) -> {
            cmd.add("--" + k);
            cmd.add(v);
        });
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        Runtime.getRuntime().addShutdownHook(new Thread(p::destroy, "bench-child-server-stop"));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!Files.exists(ready)) {
            if (!p.isAlive()) {
                throw new IllegalStateException("the server under test exited with " + p.exitValue() + "; see " + log
                        + ":\n" + tail(log));
            }
            if (System.nanoTime() > deadline) {
                p.destroy();
                throw new IllegalStateException("the server under test did not start within 60 s; see " + log);
            }
            Thread.sleep(50);
        }
        JsonNode r = new ObjectMapper().readTree(ready.toFile());
        Files.deleteIfExists(ready);
        int cores = cpus.isEmpty() || cpus.equals("none") ? Runtime.getRuntime().availableProcessors()
                : CpuMeter.countCpuList(cpus);
        String description = "child JVM pid " + p.pid() + (cpus.isEmpty() || cpus.equals("none") ? " (not pinned)"
                : " pinned with taskset -c " + cpus) + ", JVM options '" + jvm + "', settings " + r.get("settings")
                + ", log " + log;
        return new ChildServer(p, mode, URI.create(r.get("ws").asText()), URI.create(r.get("stats").asText()),
                description, cores);
    }

    /** Core 0 when there are two or more cores and taskset exists (the client is expected on the others). */
    private static String defaultCpus() {
        boolean taskset = new File("/usr/bin/taskset").canExecute() || new File("/bin/taskset").canExecute();
        return taskset && onlineCpus() >= 2 ? "0" : "none";
    }

    /** The machine's CPUs, whatever this process's own affinity (the bench itself may be pinned to one). */
    private static int onlineCpus() {
        try {
            return CpuMeter.countCpuList(Files.readString(Path.of("/sys/devices/system/cpu/online")).trim());
        } catch (IOException | RuntimeException e) {
            return Runtime.getRuntime().availableProcessors();
        }
    }

    private static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
        } catch (IOException e) {
            return "(log unreadable)";
        }
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
        try {
            if (!process.waitFor(15, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}
