package io.chitchat.jetty;

import static org.assertj.core.api.Assertions.assertThat;

import io.chitchat.ChitChat;
import io.chitchat.spi.AuthResult;
import io.chitchat.spi.Handshake;
import java.net.http.HttpClient;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** What the engine's authenticator is told about a handshake: headers, cookies, query, client address. */
class HandshakeCaptureTest {
    private static final BlockingQueue<Handshake> SEEN = new LinkedBlockingQueue<>();
    private static TestServer direct;
    private static TestServer proxied;
    private static HttpClient http;

    @BeforeAll
    static void start() {
        direct = TestServer.start(chat(), "", JettyOptions.defaults());
        proxied = TestServer.start(chat(), "", JettyOptions.builder().trustedProxies("127.0.0.1", "10.0.0.0/8").build());
        http = WsClient.httpClient();
    }

    private static ChitChat chat() {
        return TestServer.chat().authenticator(handshake -> {
            SEEN.add(handshake);
            return AuthResult.anonymous();
        }).build();
    }

    @AfterAll
    static void stop() {
        direct.close();
        proxied.close();
    }

    private static Handshake handshake(TestServer server, String query, String... headers) throws Exception {
        SEEN.clear();
        var builder = http.newWebSocketBuilder();
        for (int i = 0; i < headers.length; i += 2) {
            builder.header(headers[i], headers[i + 1]);
        }
        WsClient client = new WsClient();
        var socket = builder.buildAsync(server.ws("/ws" + query), client).join();
        try {
            client.next("welcome");
            Handshake seen = SEEN.poll(10, TimeUnit.SECONDS);
            assertThat(seen).isNotNull();
            return seen;
        } finally {
            socket.abort();
        }
    }

    @Test
    void handshake_headersCookiesQuery_passedToEngine() throws Exception {
        Handshake h = handshake(direct, "?token=abc&tag=a&tag=b", "Cookie", "session=s1; theme=\"dark\"",
                "X-Custom", "yes");
        assertThat(h.header("x-custom")).isEqualTo("yes");
        assertThat(h.headers()).containsKey("x-custom");
        assertThat(h.cookies()).containsEntry("session", "s1").containsEntry("theme", "dark");
        assertThat(h.queryParam("token")).isEqualTo("abc");
        assertThat(h.query().get("tag")).containsExactly("a", "b");
        assertThat(h.remoteAddress()).isEqualTo("127.0.0.1");
    }

    @Test
    void handshake_forwardedForFromUntrustedPeer_ignored() throws Exception {
        Handshake h = handshake(direct, "", "X-Forwarded-For", "203.0.113.9");
        assertThat(h.remoteAddress()).isEqualTo("127.0.0.1");
    }

    @Test
    void handshake_forwardedForFromTrustedProxy_rightMostUntrustedHop() throws Exception {
        Handshake h = handshake(proxied, "", "X-Forwarded-For", "198.51.100.1, 203.0.113.9, 10.1.2.3");
        assertThat(h.remoteAddress()).isEqualTo("203.0.113.9");
    }

    @Test
    void handshake_trustedProxyWithoutForwardedFor_peerAddress() throws Exception {
        assertThat(handshake(proxied, "").remoteAddress()).isEqualTo("127.0.0.1");
    }

    @Test
    void handshake_everyHopTrusted_leftMostHop() throws Exception {
        assertThat(handshake(proxied, "", "X-Forwarded-For", "10.0.0.1, 10.0.0.2").remoteAddress())
                .isEqualTo("10.0.0.1");
    }
}
