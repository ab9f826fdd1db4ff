package io.chitchat.bench.client;

import java.net.URI;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/**
 * Opens the bench's WebSocket connections. Two implementations: {@code nio} (default), a minimal WebSocket client on
 * one or a few NIO selector threads that keeps every socket registered for reading and parses server frames in place,
 * and {@code jetty}, Jetty's WebSocket core client. Both bind each socket to the next {@link SourceAddresses source
 * address} and bound the handshakes in flight. The bench reports its own CPU per delivery so that a client-bound run
 * is visible; see the README for the two clients' measured costs.
 *
 * <p>Implementations are thread-safe.
 */
public interface ClientPool extends AutoCloseable {

    /**
     * Opens a WebSocket to {@code uri} for {@code client}; completes when it is open. Blocks while the maximum of
     * handshakes in flight is reached (which paces a connection storm to what the server accepts).
     */
    CompletableFuture<Void> connect(URI uri, BenchClient client) throws InterruptedException;

    @Override
    void close();

    /** The pool named by {@code --client} ({@code nio} or {@code jetty}). */
    static ClientPool create(String kind, SourceAddresses sources, int threads, int maxInFlight,
                             Duration connectTimeout) {
        return switch (kind) {
            case "nio" -> new NioClientPool(sources, threads, maxInFlight, connectTimeout);
            case "jetty" -> new JettyClientPool(sources, threads, 1, maxInFlight, connectTimeout);
            default -> throw new IllegalArgumentException("--client must be nio or jetty, was '" + kind + "'");
        };
    }
}
