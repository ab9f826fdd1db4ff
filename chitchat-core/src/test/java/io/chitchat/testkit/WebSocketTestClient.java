package io.chitchat.testkit;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

/** A {@link TestClient} over a real WebSocket (the JDK's {@code java.net.http} client), for any WebSocket transport. */
public final class WebSocketTestClient extends TestClient {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    private final WebSocket socket;
    private final Object sendLock = new Object();
    private CompletableFuture<WebSocket> lastSend = CompletableFuture.completedFuture(null);

    /** Connects to {@code uri} (e.g. {@code ws://127.0.0.1:8080/ws}) with optional extra handshake headers. */
    public WebSocketTestClient(URI uri, Map<String, String> headers) throws Exception {
        WebSocket.Builder b = HTTP.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(10));
        headers.forEach(b::header);
        socket = b.buildAsync(uri, new Listener()).get(10, TimeUnit.SECONDS);
    }

    public WebSocketTestClient(URI uri) throws Exception {
        this(uri, Map.of());
    }

    @Override
    public void sendRaw(String text) {
        synchronized (sendLock) {
            // java.net.http allows one outstanding send: chain them
            lastSend = lastSend.thenCompose(ws -> socket.sendText(text, true));
        }
        try {
            lastSend.get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("send failed: " + e, e);
        }
    }

    @Override
    public void close() {
        if (!socket.isOutputClosed()) {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye");
        }
        socket.abort();
        closed(1000);
    }

    @Override
    public void drop() {
        socket.abort();
    }

    private final class Listener implements WebSocket.Listener {
        private final StringBuilder partial = new StringBuilder();

        @Override
        public void onOpen(WebSocket webSocket) {
            webSocket.request(Long.MAX_VALUE);
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                received(partial.toString());
                partial.setLength(0);
            }
            return null;
        }

        @Override
        public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            closed(statusCode);
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            closed(1006);
        }
    }
}
