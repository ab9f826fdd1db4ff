package io.chitchat.examples;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.chitchat.testkit.TestClient;
import io.chitchat.testkit.WebSocketTestClient;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The token-authenticated chat over a real Jetty: who gets in, and under which name. */
class TokenAuthServerTest {
    private static final SignedTokens TOKENS = new SignedTokens(
            "a key of at least thirty-two bytes!".getBytes(StandardCharsets.UTF_8), Clock.systemUTC());
    private static TokenAuthServer app;
    private static URI ws;

    @BeforeAll
    static void start() throws Exception {
        app = TokenAuthServer.start(0, TOKENS);
        ws = URI.create("ws://localhost:" + app.uri().getPort() + "/chat/ws");
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    private static void assertRefused(TestClient client) {
        try (client) {
            assertThat(client.await("error").path("code").asText()).isEqualTo("unauthorized");
            assertThat(client.awaitClose()).isEqualTo(1008);
        }
    }

    @Test
    void connect_withoutToken_unauthorizedAnd1008() throws Exception {
        assertRefused(new WebSocketTestClient(ws));
    }

    @Test
    void connect_forgedOrExpiredToken_unauthorizedAnd1008() throws Exception {
        String valid = TOKENS.issue("u1", "Ada", Duration.ofHours(1));
        String forged = valid.substring(0, valid.length() - 3) + "abc";
        assertRefused(new WebSocketTestClient(ws, Map.of("Cookie", TokenAuthenticator.COOKIE + "=" + forged)));
        String expired = TOKENS.issue("u1", "Ada", Duration.ofSeconds(-1));
        assertRefused(new WebSocketTestClient(URI.create(ws + "?token=" + expired)));
    }

    @Test
    void connect_cookieToken_admittedUnderTheTokensName() throws Exception {
        String token = TOKENS.issue("u1", "Ada", Duration.ofHours(1));
        try (TestClient c = new WebSocketTestClient(ws, Map.of("Cookie", TokenAuthenticator.COOKIE + "=" + token))) {
            c.await("welcome");
            JsonNode joined = c.create("secure-room", "Mallory");
            assertThat(joined.path("you").path("name").asText()).isEqualTo("Ada");
        }
    }

    @Test
    void connect_queryToken_admitted() throws Exception {
        String token = TOKENS.issue("u2", "Grace", Duration.ofHours(1));
        try (TestClient c = new WebSocketTestClient(URI.create(ws + "?token=" + token))) {
            c.await("welcome");
            assertThat(c.create(null, "anything").path("you").path("name").asText()).isEqualTo("Grace");
        }
    }

    @Test
    void login_setsHttpOnlyStrictCookieThatOpensTheChat() throws Exception {
        HttpResponse<String> login = HttpClient.newHttpClient().send(HttpRequest.newBuilder(app.uri().resolve("/login"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("name=" + URLEncoder.encode("Zoë K", StandardCharsets.UTF_8)))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(login.statusCode()).isEqualTo(302);
        assertThat(login.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).endsWith("/chat/"));
        String setCookie = login.headers().firstValue("Set-Cookie").orElseThrow();
        assertThat(setCookie).startsWith(TokenAuthenticator.COOKIE + "=").contains("HttpOnly", "SameSite=Strict");

        String cookie = setCookie.substring(0, setCookie.indexOf(';'));
        try (TestClient c = new WebSocketTestClient(ws, Map.of("Cookie", cookie))) {
            c.await("welcome");
            assertThat(c.create(null, "x").path("you").path("name").asText()).isEqualTo("Zoë K");
        }
    }

    @Test
    void loginPage_servedByTheApplication() throws Exception {
        HttpResponse<String> page = HttpClient.newHttpClient().send(HttpRequest.newBuilder(app.uri()).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("<form method=\"post\" action=\"/login\">");
    }
}
