package io.chitchat.jetty;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.chitchat.ChitChat;
import io.chitchat.RoomOptions;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.EnumSet;
import java.util.zip.GZIPInputStream;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** ChitChat mounted at /chat inside an application that has its own servlet and filter. */
class HttpEndpointsTest {
    private static TestServer server;
    private static HttpClient http;
    private static byte[] appJs;

    /** The application's own servlet. */
    static final class HelloServlet extends HttpServlet {
        private static final long serialVersionUID = 1L;

        @Override
        protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
            resp.setContentType("text/plain");
            resp.getWriter().write("hello from the app");
        }
    }

    @BeforeAll
    static void start() throws Exception {
        ChitChat chat = TestServer.chat().build();
        ServletContextHandler context = new ServletContextHandler("/");
        context.addServlet(new ServletHolder(new HelloServlet()), "/hello");
        Filter stamp = (req, res, chain) -> {
            ((HttpServletResponse) res).setHeader("X-App", "stamped");
            chain.doFilter(req, res);
        };
        context.addFilter(new FilterHolder(stamp), "/*", EnumSet.of(DispatcherType.REQUEST));
        server = TestServer.around(context, chat);
        server.mount = ChitChatJetty.mount(context, "/chat", chat, JettyOptions.defaults(), TestServer.TEST_WEB_ROOT);
        server.start();
        chat.createRoom(RoomOptions.of("locked").withPassword("secret").asPermanent()).join();
        chat.createRoom(RoomOptions.of("open-room").asPermanent()).join();
        http = WsClient.httpClient();
        try (InputStream in = HttpEndpointsTest.class.getResourceAsStream("testweb/app.js")) {
            appJs = in.readAllBytes();
        }
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static HttpResponse<byte[]> get(String path, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(server.http(path)).timeout(WsClient.TIMEOUT);
        if (headers.length > 0) {
            request.headers(headers);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private static JsonNode json(HttpResponse<byte[]> response) throws IOException {
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                t -> assertThat(t).startsWith("application/json"));
        return WsClient.JSON.readTree(response.body());
    }

    @Test
    void mount_applicationServlet_stillServedWithoutChitChatHeaders() throws Exception {
        HttpResponse<byte[]> response = get("/hello");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(new String(response.body())).isEqualTo("hello from the app");
        assertThat(response.headers().firstValue("X-App")).hasValue("stamped");
        assertThat(response.headers().firstValue("Content-Security-Policy")).isEmpty();
        assertThat(response.headers().firstValue("Referrer-Policy")).isEmpty();
    }

    @Test
    void mount_applicationFilter_stillAppliesToChitChatPaths() throws Exception {
        assertThat(get("/chat/health").headers().firstValue("X-App")).hasValue("stamped");
    }

    @Test
    void mount_webSocketUnderBase_connects() {
        try (WsClient c = WsClient.connect(http, server.ws("/chat/ws"))) {
            assertThat(c.next("welcome").path("protocol").asInt()).isEqualTo(1);
        }
    }

    @Test
    void health_running_ok() throws Exception {
        HttpResponse<byte[]> response = get("/chat/health");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Cache-Control")).hasValue("no-store");
        JsonNode health = json(response);
        assertThat(health.path("status").asText()).isEqualTo("ok");
        assertThat(health.path("version").asText()).isEqualTo(HealthServlet.VERSION).isNotBlank();
        assertThat(health.path("uptimeMillis").isNumber()).isTrue();
        assertThat(health.path("connections").isInt()).isTrue();
        assertThat(health.path("rooms").asInt()).isGreaterThanOrEqualTo(2);
    }

    @Test
    void room_protectedRoom_existsWithoutSecrets() throws Exception {
        HttpResponse<byte[]> response = get("/chat/api/rooms/locked");
        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode room = json(response);
        assertThat(room.path("room").asText()).isEqualTo("locked");
        assertThat(room.path("exists").asBoolean()).isTrue();
        assertThat(room.path("protected").asBoolean()).isTrue();
        assertThat(room.path("count").asInt()).isZero();
        assertThat(room.size()).isEqualTo(4);
    }

    @Test
    void room_mixedCaseId_normalized() throws Exception {
        JsonNode room = json(get("/chat/api/rooms/Open-Room"));
        assertThat(room.path("room").asText()).isEqualTo("open-room");
        assertThat(room.path("protected").asBoolean()).isFalse();
    }

    @Test
    void room_unknown_404() throws Exception {
        HttpResponse<byte[]> response = get("/chat/api/rooms/nope");
        assertThat(response.statusCode()).isEqualTo(404);
        JsonNode room = json(response);
        assertThat(room.path("room").asText()).isEqualTo("nope");
        assertThat(room.path("exists").asBoolean()).isFalse();
    }

    @Test
    void room_invalidId_404() throws Exception {
        assertThat(get("/chat/api/rooms/a%20b").statusCode()).isEqualTo(404);
        assertThat(get("/chat/api/rooms/").statusCode()).isEqualTo(404);
        assertThat(get("/chat/api/rooms/a/b").statusCode()).isEqualTo(404);
    }

    @Test
    void ui_root_servesIndexWithSecurityHeaders() throws Exception {
        HttpResponse<byte[]> response = get("/chat/");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("text/html;charset=utf-8");
        assertThat(new String(response.body())).contains("Test page of the static file servlet");
        assertThat(response.headers().firstValue("Content-Security-Policy")).hasValue(
                "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
                        + "connect-src 'self' ws: wss:; frame-ancestors 'none'; base-uri 'none'; form-action 'self'");
        assertThat(response.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        assertThat(response.headers().firstValue("Referrer-Policy")).hasValue("no-referrer");
    }

    @Test
    void ui_baseWithoutSlash_redirectsToSlash() throws Exception {
        HttpResponse<byte[]> response = get("/chat");
        assertThat(response.statusCode()).isEqualTo(302);
        assertThat(response.headers().firstValue("Location")).hasValueSatisfying(
                l -> assertThat(l).endsWith("/chat/"));
    }

    @Test
    void ui_script_javascriptTypeAndRevalidatingCache() throws Exception {
        HttpResponse<byte[]> response = get("/chat/app.js");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("text/javascript;charset=utf-8");
        assertThat(response.headers().firstValue("Cache-Control")).hasValue("no-cache");
        assertThat(response.headers().firstValue("Content-Encoding")).isEmpty();
        assertThat(response.body()).isEqualTo(appJs);
        assertThat(get("/chat/app.css").headers().firstValue("Content-Type")).hasValue("text/css;charset=utf-8");
    }

    @Test
    void ui_ifNoneMatch_304() throws Exception {
        String etag = get("/chat/app.js").headers().firstValue("ETag").orElseThrow();
        HttpResponse<byte[]> revalidated = get("/chat/app.js", "If-None-Match", etag);
        assertThat(revalidated.statusCode()).isEqualTo(304);
        assertThat(revalidated.body()).isEmpty();
        assertThat(revalidated.headers().firstValue("ETag")).hasValue(etag);
    }

    @Test
    void ui_acceptsGzip_compressedWithOwnEtag() throws Exception {
        HttpResponse<byte[]> plain = get("/chat/app.js");
        HttpResponse<byte[]> gzipped = get("/chat/app.js", "Accept-Encoding", "gzip, deflate");
        assertThat(gzipped.statusCode()).isEqualTo(200);
        assertThat(gzipped.headers().firstValue("Content-Encoding")).hasValue("gzip");
        assertThat(gzipped.headers().firstValue("Vary")).hasValue("Accept-Encoding");
        assertThat(gzipped.body().length).isLessThan(appJs.length / 2);
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(gzipped.body()))) {
            assertThat(in.readAllBytes()).isEqualTo(appJs);
        }
        String gzipEtag = gzipped.headers().firstValue("ETag").orElseThrow();
        assertThat(gzipEtag).isNotEqualTo(plain.headers().firstValue("ETag").orElseThrow());
        assertThat(get("/chat/app.js", "Accept-Encoding", "gzip", "If-None-Match", gzipEtag).statusCode())
                .isEqualTo(304);
    }

    @Test
    void ui_gzipRefusedByQuality_identity() throws Exception {
        HttpResponse<byte[]> response = get("/chat/app.js", "Accept-Encoding", "gzip;q=0, identity");
        assertThat(response.headers().firstValue("Content-Encoding")).isEmpty();
        assertThat(response.body()).isEqualTo(appJs);
    }

    @Test
    void ui_unknownOrUnsafePath_404() throws Exception {
        assertThat(get("/chat/missing.js").statusCode()).isEqualTo(404);
        assertThat(get("/chat/..%2Fversion.properties").statusCode()).isIn(400, 404); // Jetty refuses %2F itself
        assertThat(get("/chat/testweb").statusCode()).isEqualTo(404);
        assertThat(get("/chat/.hidden.js").statusCode()).isEqualTo(404);
    }

    @Test
    void ui_head_headersWithoutBody() throws Exception {
        HttpResponse<byte[]> response = http.send(HttpRequest.newBuilder(server.http("/chat/app.js"))
                .method("HEAD", HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEmpty();
        assertThat(response.headers().firstValue("ETag")).isPresent();
    }
}
