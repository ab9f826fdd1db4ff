package io.chitchat.bench.server;

import io.chitchat.bench.Args;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The server under test inside the bench's own JVM: for smoke tests; CPU and heap are shared with the client. */
final class InProcessServer implements ServerHandle {
    private final BenchServer server;

    private InProcessServer(BenchServer server) {
        this.server = server;
    }

    static InProcessServer start(String mode, Map<String, String> options) throws Exception {
        List<String> argv = new ArrayList<>(List.of("--mode", mode));
        options.forEach((k, v) -> {
            argv.add("--" + k);
            argv.add(v);
        });
        return new InProcessServer(BenchServer.start(new Args(argv.toArray(String[]::new))));
    }

    @Override
    public String mode() {
        return server.mode();
    }

    @Override
    public URI wsUri() {
        return server.wsUri();
    }

    @Override
    public String description() {
        return "in-process " + server.mode() + " server (CPU and heap shared with the client) " + server.settings();
    }

    @Override
    public long cpuNanos() {
        return -1;
    }

    @Override
    public int cores() {
        return Runtime.getRuntime().availableProcessors();
    }

    @Override
    public Map<String, Object> stats() {
        return server.stats();
    }

    @Override
    public long heapAfterGc() {
        return BenchServer.heapAfterGc();
    }

    @Override
    public void close() {
        try {
            server.close();
        } catch (RuntimeException e) {
            System.err.println("in-process server did not stop cleanly: " + e);
        }
    }
}
