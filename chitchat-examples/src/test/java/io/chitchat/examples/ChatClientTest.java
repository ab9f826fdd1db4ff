package io.chitchat.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.chitchat.ChitChat;
import io.chitchat.jetty.ChitChatServer;
import io.chitchat.testkit.TestClient;
import io.chitchat.testkit.WebSocketTestClient;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The command-line client against a real server, with a WebSocket peer in the same room. */
class ChatClientTest {
    private ChitChatServer server;
    private URI ws;
    private final ByteArrayOutputStream output = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(output, true, StandardCharsets.UTF_8);

    @BeforeEach
    void start() {
        server = ChitChatServer.builder(ChitChat.builder().build()).host("127.0.0.1").port(0).build().start();
        ws = URI.create("ws://127.0.0.1:" + server.port() + "/ws");
    }

    @AfterEach
    void stop() {
        server.stop();
    }

    private String printed() {
        return output.toString(StandardCharsets.UTF_8);
    }

    @Test
    void run_typedLinesAndPeerMessages_flowBothWays() throws Exception {
        PipedOutputStream keyboard = new PipedOutputStream();
        PipedInputStream stdin = new PipedInputStream(keyboard);
        CompletableFuture<Integer> exit = CompletableFuture.supplyAsync(
                () -> ChatClient.run(new String[] {"lobby", "Terminal", "--url", ws.toString()}, stdin, out));
        await().atMost(Duration.ofSeconds(10)).until(() -> printed().contains("* You are in lobby as Terminal"));

        try (TestClient bob = new WebSocketTestClient(ws)) {
            bob.await("welcome");
            bob.join("lobby", "Bob");
            await().atMost(Duration.ofSeconds(10)).until(() -> printed().contains("[lobby] * Bob joined"));

            keyboard.write("hello from the terminal\n".getBytes(StandardCharsets.UTF_8));
            keyboard.flush();
            assertThat(bob.awaitMessage("lobby").path("text").asText()).isEqualTo("hello from the terminal");

            bob.say("lobby", "hi terminal");
            await().atMost(Duration.ofSeconds(10)).until(() -> printed().contains("[lobby] Bob: hi terminal"));

            keyboard.write("/quit\n".getBytes(StandardCharsets.UTF_8));
            keyboard.flush();
            assertThat(exit.get(10, TimeUnit.SECONDS)).isZero();
            assertThat(bob.awaitSystem("lobby", "leave").path("member").path("name").asText()).isEqualTo("Terminal");
        }
    }

    @Test
    void run_missingArguments_usageAndExit2() {
        assertThat(ChatClient.run(new String[] {"lobby"}, new ByteArrayInputStream(new byte[0]), out)).isEqualTo(2);
        assertThat(printed()).startsWith("Usage: ChatClient <room> <name>");
    }

    @Test
    void run_noServer_exit1WithReason() {
        server.stop();
        int code = ChatClient.run(new String[] {"lobby", "T", "--url", ws.toString()},
                new ByteArrayInputStream(new byte[0]), out);
        assertThat(code).isEqualTo(1);
        assertThat(printed()).startsWith("! ");
    }
}
