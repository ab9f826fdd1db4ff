package io.chitchat.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.chitchat.jetty.ChitChatServer;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ServerMainTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return ServerMain.run(args, Map.of(), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @Test
    void run_unknownOption_exit2WithMessageOnStderr() {
        assertThat(run("--frobnicate")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8))
                .startsWith("chitchat-server: unknown option --frobnicate")
                .contains("--help");
        assertThat(out.size()).isZero();
    }

    @Test
    void run_badValue_exit2() {
        assertThat(run("--port", "http")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("--port must be a whole number, was 'http'");
    }

    @Test
    void run_badOrigin_exit2WithBuilderMessage() {
        assertThat(run("--allowed-origins", "app.example.com")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8))
                .contains("allowed origin must look like scheme://host[:port]");
    }

    @Test
    void run_badProxy_exit2WithBuilderMessage() {
        assertThat(run("--trusted-proxies", "proxy.example")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("proxy.example");
    }

    @Test
    void run_help_usageOnStdoutExit0() {
        assertThat(run("--help")).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).startsWith("Usage: java -jar chitchat-server.jar")
                .contains("--port", "--host", "--allowed-origins", "--trusted-proxies", "--grace", "--max-text");
        assertThat(err.size()).isZero();
    }

    @Test
    void server_options_appliedToEngineAndTransport() throws Exception {
        ServerOptions options = ServerOptions.parse(new String[] {"--port", "0", "--host", "127.0.0.1",
                "--max-text", "123", "--grace", "3"}, Map.of());
        try (ChitChatServer server = ServerMain.server(options).start()) {
            assertThat(server.mount().chat().config().maxTextLength()).isEqualTo(123);
            assertThat(server.mount().chat().config().gracePeriod().toSeconds()).isEqualTo(3);
            HttpResponse<String> health = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(server.uri().resolve("/health")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(health.statusCode()).isEqualTo(200);
        }
    }
}
