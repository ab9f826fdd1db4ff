package io.chitchat.jetty;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpClient;
import java.net.http.WebSocketHandshakeException;
import java.time.Duration;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The WebSocket endpoint over a real Jetty: handshake rules, limits, and the engine wiring. */
class WebSocketTransportTest {
    private static TestServer server;
    private static HttpClient http;

    @BeforeAll
    static void start() {
        server = TestServer.start(TestServer.chat().maxFrameBytes(4096).build(), "/chat",
                JettyOptions.builder().allowedOrigins("https://app.example.com").build());
        http = WsClient.httpClient();
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    @Test
    void open_noOrigin_receivesWelcome() {
        try (WsClient c = WsClient.connect(http, server.ws("/chat/ws"))) {
            JsonNode welcome = c.next("welcome");
            assertThat(welcome.path("protocol").asInt()).isEqualTo(1);
            assertThat(welcome.path("limits").path("maxFrame").asInt()).isEqualTo(4096);
        }
    }

    @Test
    void open_sameOrigin_accepted() {
        String origin = "http://127.0.0.1:" + server.port();
        try (WsClient c = WsClient.connectAsync(http, server.ws("/chat/ws"), origin).join()) {
            assertThat(c.next("welcome")).isNotNull();
        }
    }

    @Test
    void open_sameHostOtherScheme_accepted() {
        String origin = "https://127.0.0.1:" + server.port();
        try (WsClient c = WsClient.connectAsync(http, server.ws("/chat/ws"), origin).join()) {
            assertThat(c.next("welcome")).isNotNull();
        }
    }

    @Test
    void open_allowListedOrigin_accepted() {
        try (WsClient c = WsClient.connectAsync(http, server.ws("/chat/ws"), "https://APP.example.com:443").join()) {
            assertThat(c.next("welcome")).isNotNull();
        }
    }

    @Test
    void open_foreignOrigin_refusedWith403() {
        assertThatThrownBy(() -> WsClient.connectAsync(http, server.ws("/chat/ws"), "https://evil.example").join())
                .isInstanceOf(CompletionException.class)
                .cause()
                .isInstanceOfSatisfying(WebSocketHandshakeException.class,
                        e -> assertThat(e.getResponse().statusCode()).isEqualTo(403));
    }

    @Test
    void open_sameHostOtherPort_refusedWith403() {
        String origin = "http://127.0.0.1:" + (server.port() == 1 ? 2 : server.port() - 1);
        assertThatThrownBy(() -> WsClient.connectAsync(http, server.ws("/chat/ws"), origin).join())
                .cause()
                .isInstanceOfSatisfying(WebSocketHandshakeException.class,
                        e -> assertThat(e.getResponse().statusCode()).isEqualTo(403));
    }

    @Test
    void onText_frameOverMaxFrameBytes_closesWith1009() {
        try (WsClient c = WsClient.connect(http, server.ws("/chat/ws"))) {
            c.next("welcome");
            c.send("{\"type\":\"ping\",\"pad\":\"" + "x".repeat(5000) + "\"}");
            assertThat(c.awaitClose()).isEqualTo(1009);
        }
        await().atMost(WsClient.TIMEOUT).until(() -> server.mount.connections() == 0);
    }

    @Test
    void onText_frameAtMaxFrameBytes_isProcessed() {
        try (WsClient c = WsClient.connect(http, server.ws("/chat/ws"))) {
            c.next("welcome");
            String prefix = "{\"type\":\"ping\",\"ref\":\"r1\",\"pad\":\"";
            c.send(prefix + "x".repeat(4096 - prefix.length() - 2) + "\"}");
            assertThat(c.next("pong").path("ref").asText()).isEqualTo("r1");
        }
    }

    @Test
    void close_byClient_engineForgetsConnection() {
        WsClient c = WsClient.connect(http, server.ws("/chat/ws"));
        c.next("welcome");
        await().atMost(WsClient.TIMEOUT).until(() -> server.chat.stats().connections() >= 1);
        c.close();
        await().atMost(WsClient.TIMEOUT).until(() -> server.chat.stats().connections() == 0
                && server.mount.connections() == 0);
    }

    @Test
    void send_joinAndMessage_roundTrips() {
        try (WsClient a = WsClient.connect(http, server.ws("/chat/ws"));
             WsClient b = WsClient.connect(http, server.ws("/chat/ws"))) {
            a.send("type", "create", "room", "roundtrip", "name", "ann", "ref", "1");
            a.next("joined");
            b.send("type", "join", "room", "roundtrip", "name", "bob", "ref", "2");
            b.next("joined");
            a.send("type", "send", "room", "roundtrip", "text", "héllo 👋", "ref", "3");
            JsonNode message = b.next("message");
            assertThat(message.path("text").asText()).isEqualTo("héllo 👋");
            assertThat(message.path("from").path("name").asText()).isEqualTo("ann");
        }
    }

    @Test
    void http_wsPathWithoutUpgrade_isNotAWebSocket() throws Exception {
        var response = http.send(java.net.http.HttpRequest.newBuilder(server.http("/chat/ws")).build(),
                java.net.http.HttpResponse.BodyHandlers.discarding());
        assertThat(response.statusCode()).isNotEqualTo(101).isNotEqualTo(200);
    }

    static Duration timeout() {
        return WsClient.TIMEOUT;
    }
}
