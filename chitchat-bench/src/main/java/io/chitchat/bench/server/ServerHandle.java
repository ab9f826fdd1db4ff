package io.chitchat.bench.server;

import io.chitchat.bench.Args;
import java.net.URI;
import java.util.Map;

/**
 * The server under test as the bench sees it: where to connect, and what it reports (CPU time, state, live heap).
 * Three kinds: a child JVM the bench launches and pins ({@code --server child}, the default and the one for
 * measurements), the same server inside the bench's JVM ({@code --server inprocess}, for smoke tests: its CPU cannot
 * be told apart from the client's), and a server started elsewhere ({@code --server external --url ws://...}).
 *
 * <p>Implementations are thread-safe.
 */
public interface ServerHandle extends AutoCloseable {

    /** {@code chitchat}, {@code bare}, or {@code floor} (the floor scenario's raw TCP writer). */
    String mode();

    /** Where clients connect ({@code tcp://host:port} for the floor writer). */
    URI wsUri();

    /** How the server runs (kind, pid, pinning, JVM options), for the report. */
    String description();

    /** CPU time the server process has used, in nanoseconds; -1 when it cannot be measured apart from the client. */
    long cpuNanos();

    /** The number of cores the server may run on (1 when pinned with {@code taskset -c 0}). */
    int cores();

    /** The server's counters ({@code connections}, {@code rooms}, {@code hash_calls}, ...); empty if unavailable. */
    Map<String, Object> stats();

    /** The live heap after forced full collections, in bytes; -1 if unavailable. */
    long heapAfterGc();

    @Override
    void close();

    /** A long counter of {@link #stats()}, or -1. */
    default long stat(String name) {
        Object v = stats().get(name);
        return v instanceof Number n ? n.longValue() : -1;
    }

    /** Opens the server chosen by {@code --server} for a run against a ChitChat ({@code mode=chitchat}) or bare server. */
    static ServerHandle open(Args args, String mode, Map<String, String> serverOptions) throws Exception {
        String kind = args.string("server", "child");
        return switch (kind) {
            case "child" -> ChildServer.launch(args, mode, serverOptions);
            case "inprocess" -> InProcessServer.start(mode, serverOptions);
            case "external" -> ExternalServer.connect(args, mode);
            default -> throw new IllegalArgumentException("--server must be child, inprocess or external, was '"
                    + kind + "'");
        };
    }
}
