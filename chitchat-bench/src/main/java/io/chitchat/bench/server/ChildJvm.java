package io.chitchat.bench.server;

import io.chitchat.bench.Args;
import io.chitchat.bench.metrics.CpuMeter;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A child JVM of the bench: the same {@code java}, the same classpath, {@code BenchMain <command> ...}, prefixed with
 * {@code taskset -c <--server-cpus>} (default {@code 0} when there are two or more cores and taskset exists;
 * {@code none} or empty: not pinned). The server under test and the {@code floor} writer run so.
 *
 * <p>Thread-safe (stateless).
 */
public final class ChildJvm {
    private ChildJvm() {}

    /** The CPU list of {@code --server-cpus}, or {@code none}. */
    public static String cpus(Args args) {
        return args.string("server-cpus", defaultCpus());
    }

    public static boolean pinned(String cpus) {
        return !cpus.isEmpty() && !cpus.equals("none");
    }

    /** The number of cores the child may run on. */
    public static int cores(String cpus) {
        return pinned(cpus) ? CpuMeter.countCpuList(cpus) : Runtime.getRuntime().availableProcessors();
    }

    /** How the child is pinned, for a description: {@code " pinned with taskset -c 0"} or {@code " (not pinned)"}. */
    public static String pinning(String cpus) {
        return pinned(cpus) ? " pinned with taskset -c " + cpus : " (not pinned)";
    }

    /**
     * Starts {@code BenchMain <benchArgs>} in a child JVM with the JVM options {@code jvm} (split on spaces). Its
     * stderr goes to {@code log}, and so does its stdout unless {@code pipeStdout} (then it is the process's input
     * stream). The child is destroyed when this JVM exits.
     */
    public static Process start(String cpus, String jvm, List<String> benchArgs, Path log, boolean pipeStdout)
            throws IOException {
        List<String> cmd = new ArrayList<>();
        if (pinned(cpus)) {
            cmd.addAll(List.of("taskset", "-c", cpus));
        }
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        if (!jvm.isBlank()) {
            cmd.addAll(Arrays.asList(jvm.trim().split("\\s+")));
        }
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), "io.chitchat.bench.BenchMain"));
        cmd.addAll(benchArgs);
        ProcessBuilder pb = new ProcessBuilder(cmd);
        if (pipeStdout) {
            pb.redirectError(log.toFile());
        } else {
            pb.redirectErrorStream(true).redirectOutput(log.toFile());
        }
        Process p = pb.start();
        Thread stop = new Thread(p::destroy, "bench-child-stop");
        Runtime.getRuntime().addShutdownHook(stop);
        p.onExit().thenRun(() -> {
            try {
                Runtime.getRuntime().removeShutdownHook(stop);
            } catch (IllegalStateException e) {
                // the bench is shutting down already: the hook runs, harmlessly
            }
        });
        return p;
    }

    /** Waits up to 15 s for a child that was told to stop, then kills it. */
    public static void awaitExit(Process process) {
        try {
            if (!process.waitFor(15, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }

    /** The last 30 lines of a child's log, to show why it failed. */
    public static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
        } catch (IOException e) {
            return "(log unreadable)";
        }
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
}
