package io.chitchat.jetty;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A test client on the JDK's WebSocket: collects every text message as JSON, records the close code. Configured
 * explicitly (connect timeout; the JDK client has no frame-size or idle limits of its own and answers pings).
 */
final class WsClient implements WebSocket.Listener, AutoCloseable {
    static final ObjectMapper JSON = new ObjectMapper();
    static final Duration TIMEOUT = Duration.ofSeconds(10);

    final BlockingQueue<JsonNode> messages = new LinkedBlockingQueue<>();
    final CompletableFuture<Integer> closed = new CompletableFuture<>();
    private final StringBuilder partial = new StringBuilder();
    private WebSocket socket;

    static HttpClient httpClient() {
        return HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
    }

    static WsClient connect(HttpClient http, URI uri) {
        return connectAsync(http, uri, null).join();
    }

    static CompletableFuture<WsClient> connectAsync(HttpClient http, URI uri, String origin) {
        WsClient client = new WsClient();
        WebSocket.Builder builder = http.newWebSocketBuilder().connectTimeout(TIMEOUT);
        if (origin != null) {
            builder.header("Origin", origin);
        }
        return builder.buildAsync(uri, client).thenApply(ws -> {
            client.socket = ws;
            return client;
        });
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        partial.append(data);
        if (last) {
            try {
                messages.add(JSON.readTree(partial.toString()));
            } catch (Exception e) {
                closed.completeExceptionally(e);
            }
            partial.setLength(0);
        }
        webSocket.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
        closed.complete(statusCode);
        return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
        closed.completeExceptionally(error);
    }

    void send(String text) {
        socket.sendText(text, true).join();
    }

    /** Sends a JSON object given as pairs of names and values. */
    void send(Object... pairs) {
        var node = JSON.createObjectNode();
        for (int i = 0; i < pairs.length; i += 2) {
            node.putPOJO((String) pairs[i], pairs[i + 1]);
        }
        send(node.toString());
    }

    /** The next message of the given type, skipping others. */
    JsonNode next(String type) {
        return next(m -> type.equals(m.path("type").asText()));
    }

    JsonNode next(Predicate<JsonNode> wanted) {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        List<String> skipped = new ArrayList<>();
        while (true) {
            JsonNode m;
            try {
                m = messages.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted");
            }
            if (m == null) {
                throw new AssertionError("no matching message within " + TIMEOUT + "; skipped " + skipped);
            }
            if (wanted.test(m)) {
                return m;
            }
            skipped.add(m.toString());
        }
    }

    int awaitClose() {
        return closed.orTimeout(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).join();
    }

    boolean isOpen() {
        return !closed.isDone();
    }

    WebSocket socket() {
        return socket;
    }

    @Override
    public void close() {
        if (socket != null && !socket.isOutputClosed()) {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "").exceptionally(t -> null);
        }
        if (socket != null) {
            socket.abort();
        }
    }
}
