package io.chitchat.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.chitchat.testkit.TestClient;
import io.chitchat.testkit.WebSocketTestClient;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The application and the chat it embeds answer from one Jetty server. */
class EmbeddedServerTest {
    private static EmbeddedServer app;
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @BeforeAll
    static void start() throws Exception {
        app = EmbeddedServer.start(0);
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    private static HttpResponse<String> get(String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(app.uri().resolve(path)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void application_ownServletAndPage_served() throws Exception {
        HttpResponse<String> hello = get("/api/hello");
        assertThat(hello.statusCode()).isEqualTo(200);
        assertThat(hello.body()).isEqualTo("{\"message\":\"Hello from the application\"}");
        HttpResponse<String> page = get("/");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("<h1>My application</h1>");
        // ChitChat's security headers stay on ChitChat's paths
        assertThat(page.headers().firstValue("Content-Security-Policy")).isEmpty();
        HttpResponse<String> widget = get("/widget.js");
        assertThat(widget.statusCode()).isEqualTo(200);
        assertThat(widget.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).contains("javascript"));
        assertThat(widget.body()).contains("from '/chat/chitchat-client.js'");
        assertThat(get("/chat/chitchat-client.js").statusCode()).isEqualTo(200);
    }

    @Test
    void chat_uiHealthAndWebSocket_servedUnderChat() throws Exception {
        HttpResponse<String> ui = get("/chat/");
        assertThat(ui.statusCode()).isEqualTo(200);
        assertThat(ui.body()).contains("<title>ChitChat</title>");
        HttpResponse<String> health = get("/chat/health");
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(health.body()).contains("\"status\":\"ok\"");

        URI ws = URI.create("ws://localhost:" + app.uri().getPort() + "/chat/ws");
        try (TestClient alice = new WebSocketTestClient(ws); TestClient bob = new WebSocketTestClient(ws)) {
            alice.await("welcome");
            bob.await("welcome");
            alice.create("team", "Alice");
            bob.join("team", "Bob");
            alice.say("team", "it works");
            assertThat(bob.awaitMessage("team").path("text").asText()).isEqualTo("it works");
        }
        assertThat(app.chat().room("team")).isPresent();
        assertThat(app.chat().room("lobby")).hasValueSatisfying(r -> assertThat(r.permanent()).isTrue());
    }
}
