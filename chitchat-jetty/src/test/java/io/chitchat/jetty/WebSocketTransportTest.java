package io.chitchat.jetty;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpClient;
import java.net.http.WebSocketHandshakeException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
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
    static void stop() {
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
    void send_frameLargerThanClientFrameLimit_delivered() {
        server.chat.createRoom(io.chitchat.RoomOptions.of("big-history")).join();
        String text = "y".repeat(4000);
        for (int i = 0; i < 40; i++) {
            server.chat.post("big-history", "bot", text).join();
        }
        try (WsClient c = WsClient.connect(http, server.ws("/chat/ws"))) {
            c.send("type", "join", "room", "big-history", "name", "reader");
            JsonNode joined = c.next("joined");
            assertThat(joined.path("history").size()).isEqualTo(41);
            assertThat(joined.toString().length()).isGreaterThan(160_000);
        }
    }

    @Test
    void http_wsPathWithoutUpgrade_isNotAWebSocket() throws Exception {
        var response = http.send(java.net.http.HttpRequest.newBuilder(server.http("/chat/ws")).build(),
                java.net.http.HttpResponse.BodyHandlers.discarding());
        assertThat(response.statusCode()).isNotEqualTo(101).isNotEqualTo(200);
    }

    @Test
    void open_perMessageDeflateEnabled_negotiatedAndNoOtherExtension() throws Exception {
        try (TestServer deflating = TestServer.start(TestServer.chat().build(), "",
                JettyOptions.builder().perMessageDeflate(true).build());
             RawWebSocket raw = RawWebSocket.connect(deflating.port(), "/ws", 0,
                     "Sec-WebSocket-Extensions: fragment; maxLength=16, permessage-deflate, identity")) {
            List<String> extensions = raw.responseHeaders.stream().map(h -> h.toLowerCase(java.util.Locale.ROOT))
                    .filter(h -> h.startsWith("sec-websocket-extensions")).toList();
            assertThat(extensions).singleElement().asString().startsWith("sec-websocket-extensions: permessage-deflate")
                    .doesNotContain("fragment").doesNotContain("identity");
        }
    }

    @Test
    void open_clientOffersPermessageDeflate_notNegotiatedByDefault() throws Exception {
        try (RawWebSocket raw = RawWebSocket.connect(server.port(), "/chat/ws", 0,
                "Sec-WebSocket-Extensions: permessage-deflate; client_max_window_bits")) {
            assertThat(raw.responseHeaders).noneMatch(h -> h.toLowerCase(java.util.Locale.ROOT)
                    .startsWith("sec-websocket-extensions"));
            RawWebSocket.Frame welcome = raw.read();
            assertThat(welcome.opcode()).isEqualTo(0x1);
            assertThat(welcome.text()).startsWith("{\"type\":\"welcome\"");
        }
    }

    // ---------------------------------------------------------------- frames below the protocol (RFC 6455)

    @Test
    void onFrame_fragmentedText_isReassembledIntoOneMessage() throws Exception {
        try (RawWebSocket raw = RawWebSocket.connect(server.port(), "/chat/ws", 0)) {
            assertThat(raw.readSkippingPings().text()).startsWith("{\"type\":\"welcome\"");
            byte[] whole = "{\"type\":\"ping\",\"ref\":\"frag-é\"}".getBytes(StandardCharsets.UTF_8);
            int cut = whole.length - 6; // inside the two bytes of é would also do: bytes are joined before decoding
            raw.sendFrame(0x1, false, Arrays.copyOfRange(whole, 0, 10));
            raw.sendFrame(0x0, false, Arrays.copyOfRange(whole, 10, cut));
            raw.sendFrame(0x0, true, Arrays.copyOfRange(whole, cut, whole.length));
            assertThat(raw.readSkippingPings().text()).isEqualTo("{\"type\":\"pong\",\"ref\":\"frag-é\"}");
        }
    }

    @Test
    void onFrame_fragmentsOverMaxFrameBytes_closesWith1009() throws Exception {
        try (RawWebSocket raw = RawWebSocket.connect(server.port(), "/chat/ws", 0)) {
            raw.readSkippingPings();
            byte[] chunk = "x".repeat(3000).getBytes(StandardCharsets.US_ASCII);
            raw.sendFrame(0x1, false, chunk);
            raw.sendFrame(0x0, true, chunk); // 6,000 bytes in all, over 4,096
            assertThat(raw.awaitCloseCode()).isEqualTo(1009);
        }
        await().atMost(WsClient.TIMEOUT).until(() -> server.mount.connections() == 0);
    }

    @Test
    void onFrame_invalidUtf8_closesWith1007() throws Exception {
        try (RawWebSocket raw = RawWebSocket.connect(server.port(), "/chat/ws", 0)) {
            raw.readSkippingPings();
            raw.sendFrame(0x1, true, new byte[] {'{', (byte) 0xc3, (byte) 0x28, '}'});
            assertThat(raw.awaitCloseCode()).isEqualTo(1007);
        }
    }

    @Test
    void onFrame_binary_closesWith1003() throws Exception {
        try (RawWebSocket raw = RawWebSocket.connect(server.port(), "/chat/ws", 0)) {
            raw.readSkippingPings();
            raw.sendFrame(0x2, true, new byte[] {1, 2, 3});
            assertThat(raw.awaitCloseCode()).isEqualTo(1003);
        }
    }

    @Test
    void onFrame_ping_isAnsweredWithPongCarryingItsPayload() throws Exception {
        try (RawWebSocket raw = RawWebSocket.connect(server.port(), "/chat/ws", 0)) {
            raw.readSkippingPings();
            raw.sendFrame(0x9, true, new byte[] {7, 8, 9});
            RawWebSocket.Frame pong = raw.readSkippingPings();
            assertThat(pong.opcode()).isEqualTo(0xA);
            assertThat(pong.payload()).containsExactly(7, 8, 9);
            raw.sendText("{\"type\":\"ping\",\"ref\":\"after\"}");
            assertThat(raw.readSkippingPings().text()).contains("\"ref\":\"after\"");
        }
    }

    @Test
    void get_withoutUpgrade_isNotAWebSocket() throws Exception {
        java.net.http.HttpResponse<String> response = http.send(java.net.http.HttpRequest.newBuilder(
                server.http("/chat/ws")).timeout(WsClient.TIMEOUT).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(server.mount.connections()).isZero();
    }
}
