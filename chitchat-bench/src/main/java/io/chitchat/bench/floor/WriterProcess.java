package io.chitchat.bench.floor;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.chitchat.bench.metrics.CpuMeter;
import io.chitchat.bench.server.ChildJvm;
import io.chitchat.bench.server.ServerHandle;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.LongConsumer;

/**
 * The {@link FloorWriter} in its child JVM, as the bench sees it: a {@link ServerHandle} (so the usual sampler
 * measures its CPU from {@code /proc/<pid>/stat}) whose stdout lines are the writer's reports. {@code ROUNDS} lines
 * go to a callback as they come; the others wait in a queue for {@link #await}.
 *
 * <p>Thread-safe.
 */
final class WriterProcess implements ServerHandle {
    private static final String EOF = "\0eof";

    private final Process process;
    private final Path log;
    private final String description;
    private final int cores;
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    private final int port;

    private WriterProcess(Process process, Path log, String description, int cores, LongConsumer rounds)
            throws InterruptedException {
        this.process = process;
        this.log = log;
        this.description = description;
        this.cores = cores;
        Thread t = new Thread(() -> pump(rounds), "floor-writer-stdout");
        t.setDaemon(true);
        t.start();
        this.port = Integer.parseInt(await("READY", Duration.ofSeconds(60)).substring("READY ".length()).trim());
    }

    /** Starts the writer with {@code writerArgs} and waits until it listens. */
    static WriterProcess launch(String cpus, String jvm, Path log, List<String> writerArgs, LongConsumer rounds)
            throws IOException, InterruptedException {
        Process p = ChildJvm.start(cpus, jvm, writerArgs, log, true);
        String description = "floor writer: child JVM pid " + p.pid() + ChildJvm.pinning(cpus) + ", JVM options '"
                + jvm + "', log " + log;
        try {
            return new WriterProcess(p, log, description, ChildJvm.cores(cpus), rounds);
        } catch (RuntimeException | InterruptedException e) {
            p.destroyForcibly();
            throw e;
        }
    }

    private void pump(LongConsumer rounds) {
        try (BufferedReader in = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                Long done = line.startsWith("ROUNDS ") ? roundsIn(line) : null;
                if (done != null) {
                    rounds.accept(done);
                } else {
                    lines.add(line); // a report line, or something unexpected that await() shows
                }
            }
        } catch (IOException e) {
            // the writer is gone: await() reports it
        }
        lines.add(EOF);
    }

    private static Long roundsIn(String line) {
        try {
            return Long.parseLong(line.substring("ROUNDS ".length()).trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    int port() {
        return port;
    }

    /** Waits for the writer's next report line, which must start with {@code word}; returns the line. */
    String await(String word, Duration timeout) throws InterruptedException {
        String line = lines.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
        if (line == null) {
            throw new IllegalStateException("the floor writer did not report " + word + " within " + timeout
                    + "; see " + log);
        }
        if (line.equals(EOF)) {
            lines.add(EOF);
            process.waitFor(5, TimeUnit.SECONDS);
            throw new IllegalStateException("the floor writer exited" + (process.isAlive() ? ""
                    : " with " + process.exitValue()) + " before " + word + "; see " + log + ":\n"
                    + ChildJvm.tail(log));
        }
        if (!line.startsWith(word)) {
            throw new IllegalStateException("the floor writer said '" + line + "' where " + word + " was due");
        }
        return line;
    }

    /** Waits for the writer's {@code DONE} line: its figures. */
    WriterFigures awaitFigures(Duration timeout) throws InterruptedException {
        String json = await("DONE", timeout).substring("DONE ".length());
        try {
            return new ObjectMapper().readValue(json, WriterFigures.class);
        } catch (IOException e) {
            throw new UncheckedIOException("unreadable figures from the floor writer: " + json, e);
        }
    }

    @Override
    public String mode() {
        return "floor";
    }

    @Override
    public URI wsUri() {
        return URI.create("tcp://127.0.0.1:" + port);
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
        return Map.of();
    }

    @Override
    public long heapAfterGc() {
        return -1;
    }

    /** Closes the writer's stdin (it then exits), waits for it, and kills it if it does not go. */
    @Override
    public void close() {
        try {
            process.getOutputStream().close();
        } catch (IOException e) {
            // already closed: the writer is gone or going
        }
        ChildJvm.awaitExit(process);
    }
}
