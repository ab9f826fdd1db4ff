package io.chitchat.bench.server;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.Executors;

/**
 * A tiny HTTP endpoint (the JDK's own server, on its own single thread, apart from Jetty) through which a server in a
 * child JVM reports to the bench: {@code GET /stats} (counters, heap, CPU) and {@code POST /gc} (forced collections,
 * then the live heap). The bench polls it about once a second, so its own cost is negligible.
 *
 * <p>Thread-safe.
 */
final class StatsEndpoint implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpServer http;

    StatsEndpoint(BenchServer server, String host, int port) throws IOException {
        http = HttpServer.create(new InetSocketAddress(host, port), 16);
        http.setExecutor(Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "bench-stats");
            t.setDaemon(true);
            return t;
        }));
        http.createContext("/stats", ex -> reply(ex, server.stats()));
        http.createContext("/gc", ex -> {
            long heap = BenchServer.heapAfterGc();
            Map<String, Object> stats = server.stats();
            stats.put("heap_after_gc", heap);
            reply(ex, stats);
        });
        http.start();
    }

    int port() {
        return http.getAddress().getPort();
    }

    private static void reply(HttpExchange ex, Map<String, Object> body) throws IOException {
        byte[] bytes = JSON.writeValueAsString(body).getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", "application/json");
        ex.sendResponseHeaders(200, bytes.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        http.stop(0);
    }
}
