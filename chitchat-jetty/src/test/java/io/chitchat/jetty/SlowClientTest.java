package io.chitchat.jetty;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.chitchat.ChitChat;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A client that stops reading: the engine closes it with 4001, and since the close frame waits behind a backlog the
 * client never reads, the transport aborts the connection after the close timeout (the idle timeout is far longer,
 * so it cannot be what ends the connection here).
 */
class SlowClientTest {
    private static final Duration CLOSE_TIMEOUT = Duration.ofMillis(500);

    private static TestServer server;

    @BeforeAll
    static void start() {
        ChitChat chat = TestServer.chat().idleTimeout(Duration.ofSeconds(60)).pingInterval(Duration.ofSeconds(20))
                .outboundLimits(64 * 1024, 64).build();
        server = TestServer.start(chat, "", JettyOptions.builder().closeTimeout(CLOSE_TIMEOUT).build());
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void close_clientStopsReading_closedWith4001AndAbortedPromptly() throws Exception {
        try (RawWebSocket raw = RawWebSocket.connect(server.port(), "/ws", 4096)) {
            raw.sendText("{\"type\":\"create\",\"room\":\"slow\",\"name\":\"sloth\"}");
            await().atMost(WsClient.TIMEOUT).until(() -> server.chat.room("slow").isPresent());
            String text = "x".repeat(4000);
            long start = System.nanoTime();
            // the client reads nothing: its socket buffers fill, then the engine's outbound bound is crossed
            List<CompletableFuture<Long>> posts = new ArrayList<>();
            for (int i = 0; i < 4_000 && server.mount.connections() > 0; i++) {
                posts.add(server.chat.post("slow", "bot", text));
                if (posts.size() == 100) {
                    posts.forEach(p -> p.exceptionally(t -> -1L).join());
                    posts.clear();
                }
            }
            await().atMost(Duration.ofSeconds(10)).until(() -> server.mount.connections() == 0);
            // far below the 60 s idle timeout: the close was aborted, not timed out
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
            await().atMost(WsClient.TIMEOUT).until(() -> server.chat.stats().connections() == 0);
        }
    }
}
