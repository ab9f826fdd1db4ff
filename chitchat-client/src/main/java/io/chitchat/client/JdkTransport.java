package io.chitchat.client;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/** The {@link Transport} on {@code java.net.http.WebSocket}. Thread-safe. */
final class JdkTransport implements Transport {
    private final HttpClient http;
    private final Duration connectTimeout;
    private final int maxFrameChars;

    JdkTransport(HttpClient http, Duration connectTimeout, int maxFrameChars) {
        this.http = http;
        this.connectTimeout = connectTimeout;
        this.maxFrameChars = maxFrameChars;
    }

    @Override
    public CompletableFuture<Void> connect(URI uri, List<Map.Entry<String, String>> headers, Handler handler) {
        WebSocket.Builder builder = http.newWebSocketBuilder().connectTimeout(connectTimeout);
        for (Map.Entry<String, String> h : headers) {
            builder.header(h.getKey(), h.getValue());
        }
        return builder.buildAsync(uri, new FrameReader(handler, maxFrameChars)).thenApply(ws -> null);
    }

    /** A connection over one {@link WebSocket}: writes go through a {@link SendQueue}. */
    static final class JdkConnection implements Connection {
        private final WebSocket ws;
        private final SendQueue sends;

        JdkConnection(WebSocket ws) {
            this.ws = ws;
            this.sends = new SendQueue(new SendQueue.Writer() {
                @Override
                public CompletableFuture<?> text(String text) {
                    return ws.sendText(text, true);
                }

                @Override
                public CompletableFuture<?> close(int code, String reason) {
                    return ws.sendClose(code, reason);
                }
            });
        }

        @Override
        public CompletableFuture<Void> send(String text) {
            return sends.text(text);
        }

        @Override
        public void close(int code, String reason) {
            sends.close(code, reason);
        }

        @Override
        public void abort() {
            sends.fail(new IllegalStateException("the connection was aborted"));
            ws.abort();
        }
    }
}
