package io.chitchat.jetty;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocketHandshakeException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The standalone server: root mount, port 0, graceful stop. */
class ChitChatServerTest {
    private final HttpClient http = WsClient.httpClient();

    private static ChitChatServer server(JettyOptions options) {
        return ChitChatServer.builder(TestServer.chat().build()).host("127.0.0.1").port(0).options(options)
                .stopTimeout(Duration.ofSeconds(5)).build();
    }

    private static URI ws(int port) {
        return URI.create("ws://127.0.0.1:" + port + "/ws");
    }

    private HttpResponse<String> get(ChitChatServer server, String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(server.uri().resolve(path)).timeout(WsClient.TIMEOUT).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void start_portZero_servesHealthAndWebSocketAtRoot() throws Exception {
        try (ChitChatServer server = server(JettyOptions.defaults()).start()) {
            assertThat(server.port()).isPositive();
            assertThat(server.uri().toString()).isEqualTo("http://127.0.0.1:" + server.port() + "/");
            HttpResponse<String> health = get(server, "/health");
            assertThat(health.statusCode()).isEqualTo(200);
            assertThat(WsClient.JSON.readTree(health.body()).path("status").asText()).isEqualTo("ok");
            try (WsClient c = WsClient.connect(http, ws(server.port()))) {
                assertThat(c.next("welcome")).isNotNull();
            }
        }
    }

    @Test
    void beginShutdown_health503AndHandshakesRefused() throws Exception {
        try (ChitChatServer server = server(JettyOptions.defaults()).start()) {
            server.mount().beginShutdown();
            HttpResponse<String> health = get(server, "/health");
            assertThat(health.statusCode()).isEqualTo(503);
            assertThat(WsClient.JSON.readTree(health.body()).path("status").asText()).isEqualTo("shutting_down");
            assertThatThrownBy(() -> WsClient.connect(http, ws(server.port()))).cause()
                    .isInstanceOfSatisfying(WebSocketHandshakeException.class,
                            e -> assertThat(e.getResponse().statusCode()).isEqualTo(503));
        }
    }

    @Test
    void stop_openClients_closedWith1001ThenPortClosed() throws Exception {
        ChitChatServer server = server(JettyOptions.defaults()).start();
        int port = server.port();
        WsClient a = WsClient.connect(http, ws(port));
        WsClient b = WsClient.connect(http, ws(port));
        a.next("welcome");
        b.next("welcome");

        server.stop();

        assertThat(a.awaitClose()).isEqualTo(1001);
        assertThat(b.awaitClose()).isEqualTo(1001);
        assertThatThrownBy(() -> http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                + "/health")).build(), HttpResponse.BodyHandlers.discarding())).isInstanceOf(ConnectException.class);
        server.stop(); // idempotent
    }

    @Test
    void stop_clientIgnoresClose_stopStillPrompt() throws Exception {
        ChitChatServer server = server(JettyOptions.builder().closeTimeout(Duration.ofMillis(300)).build()).start();
        try (RawWebSocket raw = RawWebSocket.connect(server.port(), "/ws", 0)) {
            await().atMost(WsClient.TIMEOUT).until(() -> server.mount().connections() == 1);
            assertThat(raw.read().opcode()).as("welcome").isEqualTo(0x1);
            long start = System.nanoTime();
            CompletableFuture.runAsync(server::stop).get(10, TimeUnit.SECONDS);
            // the raw client never answers the close: it is aborted after the close timeout, not the stop timeout
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
            assertThat(server.mount().connections()).isZero();
        }
    }

    @Test
    void start_portTaken_failsWithMessage() {
        try (ChitChatServer first = server(JettyOptions.defaults()).start()) {
            ChitChatServer second = ChitChatServer.builder(TestServer.chat().build()).host("127.0.0.1")
                    .port(first.port()).build();
            assertThatThrownBy(second::start).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("could not start the ChitChat server on 127.0.0.1:" + first.port());
        }
    }

    @Test
    void builder_badPort_failsFast() {
        assertThatThrownBy(() -> ChitChatServer.builder(TestServer.chat().build()).port(70_000))
                .hasMessage("port must be between 0 and 65535, was 70000");
    }
}
