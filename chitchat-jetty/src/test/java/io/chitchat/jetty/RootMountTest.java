package io.chitchat.jetty;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.junit.jupiter.api.Test;

/** Mounted at the context's root (as the standalone server is): the UI is the default servlet. */
class RootMountTest {

    @Test
    void mount_atRoot_uiAtSlashAndApplicationMappingsWin() throws Exception {
        ServletContextHandler context = new ServletContextHandler("/");
        context.addServlet(new ServletHolder(new HttpEndpointsTest.HelloServlet()), "/hello");
        TestServer server = TestServer.around(context, TestServer.chat().build());
        server.mount = ChitChatJetty.mount(context, "", server.chat, JettyOptions.defaults(), TestServer.TEST_WEB_ROOT);
        HttpClient http = WsClient.httpClient();
        try (server) {
            server.start();
            HttpResponse<String> index = get(http, server, "/");
            assertThat(index.statusCode()).isEqualTo(200);
            assertThat(index.body()).contains("Test page of the static file servlet");
            assertThat(index.headers().firstValue("Content-Security-Policy")).isPresent();
            assertThat(get(http, server, "/app.js").headers().firstValue("Content-Type"))
                    .hasValue("text/javascript;charset=utf-8");
            assertThat(get(http, server, "/hello").body()).isEqualTo("hello from the app");
            assertThat(get(http, server, "/health").statusCode()).isEqualTo(200);
            try (WsClient c = WsClient.connect(http, server.ws("/ws"))) {
                assertThat(c.next("welcome")).isNotNull();
            }
        }
    }

    private static HttpResponse<String> get(HttpClient http, TestServer server, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(server.http(path)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
