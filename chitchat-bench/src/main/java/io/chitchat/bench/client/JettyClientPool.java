package io.chitchat.bench.client;

import java.io.IOException;
import java.net.URI;
import java.nio.channels.SelectableChannel;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.client.transport.HttpClientTransportOverHTTP;
import org.eclipse.jetty.io.ClientConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.eclipse.jetty.websocket.core.Configuration;
import org.eclipse.jetty.websocket.core.CoreSession;
import org.eclipse.jetty.websocket.core.client.CoreClientUpgradeRequest;
import org.eclipse.jetty.websocket.core.client.WebSocketCoreClient;

/**
 * The bench's connections on Jetty's WebSocket core client (the layer under Jetty's {@code WebSocketClient}, without
 * its per-message String and reflection): one HTTP client with a small thread pool; each socket is bound to the next
 * {@link SourceAddresses source address} before it connects.
 *
 * <p>Thread-safe.
 */
final class JettyClientPool implements ClientPool {
    private static final long MAX_FRAME = 16L * 1024 * 1024;

    private final HttpClient http;
    private final WebSocketCoreClient ws;
    private final Semaphore inFlight;
    private final Duration connectTimeout;

    JettyClientPool(SourceAddresses sources, int threads, int selectors, int maxInFlight, Duration connectTimeout) {
        this.connectTimeout = connectTimeout;
        this.inFlight = new Semaphore(maxInFlight);
        QueuedThreadPool pool = new QueuedThreadPool(Math.max(threads, 4), Math.min(2, threads));
        pool.setName("bench-client");
        pool.setDaemon(true);
        pool.setReservedThreads(0);
        ClientConnector connector = new ClientConnector() {
            @Override
            protected void configure(SelectableChannel channel) throws IOException {
                super.configure(channel);
                if (channel instanceof SocketChannel socket) {
                    sources.bind(socket);
                }
            }
        };
        connector.setSelectors(selectors);
        connector.setExecutor(pool);
        connector.setConnectTimeout(connectTimeout);
        connector.setTCPNoDelay(true);
        http = new HttpClient(new HttpClientTransportOverHTTP(connector));
        http.setExecutor(pool);
        http.setMaxConnectionsPerDestination(1_000_000);
        http.setMaxRequestsQueuedPerDestination(1_000_000);
        http.setConnectTimeout(connectTimeout.toMillis());
        http.setIdleTimeout(0);
        http.setFollowRedirects(false);
        ws = new WebSocketCoreClient(http, null);
        try {
            ws.start();
        } catch (Exception e) {
            throw new IllegalStateException("could not start the WebSocket client: " + e.getMessage(), e);
        }
    }

    @Override
    public CompletableFuture<Void> connect(URI uri, BenchClient client) throws InterruptedException {
        if (!inFlight.tryAcquire(connectTimeout.toMillis() * 2, TimeUnit.MILLISECONDS)) {
            return CompletableFuture.failedFuture(new IOException("no connection slot within " + connectTimeout));
        }
        CompletableFuture<CoreSession> f;
        try {
            CoreClientUpgradeRequest request = CoreClientUpgradeRequest.from(ws, uri, new JettyTransport(client));
            request.timeout(connectTimeout.toMillis(), TimeUnit.MILLISECONDS);
            Configuration.ConfigurationCustomizer config = new Configuration.ConfigurationCustomizer();
            config.setMaxFrameSize(MAX_FRAME);
            config.setMaxTextMessageSize(MAX_FRAME);
            config.setIdleTimeout(Duration.ofHours(1));
            config.setAutoFragment(false);
            request.setConfiguration(config);
            f = ws.connect(request);
        } catch (IOException | RuntimeException e) {
            inFlight.release();
            return CompletableFuture.failedFuture(e);
        }
        f.whenComplete((s, e) -> inFlight.release());
        return f.thenApply(s -> null);
    }

    @Override
    public void close() {
        try {
            ws.stop();
            http.stop();
        } catch (Exception e) {
            // closing at the end of a run: nothing left to report to
        }
    }
}
