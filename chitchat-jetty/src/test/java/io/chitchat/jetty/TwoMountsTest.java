package io.chitchat.jetty;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chitchat.ChitChat;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocketHandshakeException;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.junit.jupiter.api.Test;

/** Two engines mounted in one context do not share anything; a mount without UI serves no files. */
class TwoMountsTest {

    @Test
    void mount_twoEnginesInOneContext_independent() throws Exception {
        ChitChat first = TestServer.chat().serverName("first").build();
        ChitChat second = TestServer.chat().serverName("second").build();
        ServletContextHandler context = new ServletContextHandler("/");
        ChitChatMount a = ChitChatJetty.mount(context, "/a", first, JettyOptions.defaults(), TestServer.TEST_WEB_ROOT);
        ChitChatMount b = ChitChatJetty.mount(context, "/b", second,
                JettyOptions.builder().ui(false).allowedOrigins("https://b.example").build(), TestServer.TEST_WEB_ROOT);
        second.start();
        HttpClient http = WsClient.httpClient();
        try (TestServer server = TestServer.around(context, first).start()) {
            try (WsClient ca = WsClient.connect(http, server.ws("/a/ws"));
                 WsClient cb = WsClient.connect(http, server.ws("/b/ws"))) {
                assertThat(ca.next("welcome").path("server").asText()).isEqualTo("first");
                assertThat(cb.next("welcome").path("server").asText()).isEqualTo("second");
                assertThat(a.connections()).isEqualTo(1);
                assertThat(b.connections()).isEqualTo(1);
            }
            // each mount has its own origin policy
            try (WsClient allowed = WsClient.connectAsync(http, server.ws("/b/ws"), "https://b.example").join()) {
                assertThat(allowed.next("welcome")).isNotNull();
            }
            assertThatThrownBy(() -> WsClient.connectAsync(http, server.ws("/a/ws"), "https://b.example").join())
                    .cause().isInstanceOfSatisfying(WebSocketHandshakeException.class,
                            e -> assertThat(e.getResponse().statusCode()).isEqualTo(403));

            b.beginShutdown();
            assertThat(status(http, server, "/a/health")).isEqualTo(200);
            assertThat(status(http, server, "/b/health")).isEqualTo(503);

            assertThat(status(http, server, "/a/")).isEqualTo(200);
            HttpResponse<String> noUi = http.send(HttpRequest.newBuilder(server.http("/b/")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(noUi.statusCode()).isEqualTo(404);
            assertThat(noUi.headers().firstValue("Content-Security-Policy")).isEmpty();
        } finally {
            second.close();
        }
    }

    private static int status(HttpClient http, TestServer server, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(server.http(path)).build(), HttpResponse.BodyHandlers.discarding())
                .statusCode();
    }
}
