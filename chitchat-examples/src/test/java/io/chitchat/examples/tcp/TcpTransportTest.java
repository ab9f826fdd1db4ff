package io.chitchat.examples.tcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.chitchat.ChitChat;
import io.chitchat.RoomOptions;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** What the TCP transport does beyond the protocol contract: line limits, silent and slow clients. */
class TcpTransportTest {
    private ChitChat chat;
    private TcpTransport tcp;

    private void start(ChitChat engine) throws Exception {
        chat = engine.start();
        tcp = TcpTransport.start(chat, "127.0.0.1", 0);
    }

    @AfterEach
    void stop() {
        if (tcp != null) {
            tcp.close();
        }
        if (chat != null) {
            chat.close();
        }
    }

    @Test
    void lineOverFrameLimit_closedWith1009() throws Exception {
        start(ChitChat.builder().maxFrameBytes(1024).build());
        try (TcpTestClient c = new TcpTestClient(tcp.port())) {
            c.await("welcome");
            c.sendRaw("{\"type\":\"ping\",\"ref\":\"" + "x".repeat(2000) + "\"}");
            assertThat(c.awaitClose()).isEqualTo(1009);
        }
    }

    @Test
    void silentBeforeFirstLine_closedAfterIdleTimeout() throws Exception {
        start(ChitChat.builder().idleTimeout(Duration.ofMillis(300)).pingInterval(Duration.ofMillis(100)).build());
        try (Socket socket = new Socket("127.0.0.1", tcp.port());
             BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(),
                     StandardCharsets.UTF_8))) {
            socket.setSoTimeout(10_000);
            assertThat(in.readLine()).startsWith("Welcome to ChitChat");
            assertThat(in.readLine()).isEqualTo("* Disconnected: idle (1000)");
            assertThat(in.readLine()).isNull();
        }
    }

    @Test
    void clientThatDoesNotRead_closedAsTooSlowAndForgotten() throws Exception {
        start(ChitChat.builder().outboundLimits(64 * 1024, 4096).build());
        chat.createRoom(RoomOptions.of("busy").asPermanent()).get(5, TimeUnit.SECONDS);
        try (Socket socket = new Socket("127.0.0.1", tcp.port())) {
            socket.setReceiveBufferSize(4096); // and never read
            OutputStream out = socket.getOutputStream();
            out.write("/json\n{\"type\":\"join\",\"room\":\"busy\",\"name\":\"Sloth\"}\n".getBytes(StandardCharsets.UTF_8));
            out.flush();
            await().atMost(Duration.ofSeconds(10)).until(() -> chat.room("busy").orElseThrow().members() == 1);
            String text = "z".repeat(4000);
            await().atMost(Duration.ofSeconds(20)).until(() -> {
                for (int i = 0; i < 50; i++) {
                    chat.post("busy", "Flood", text);
                }
                return tcp.connections() == 0;
            });
            await().atMost(Duration.ofSeconds(10)).until(() -> chat.stats().connections() == 0);
        }
    }

    @Test
    void textMode_jsonLineFromAPerson_passedToTheEngine() throws Exception {
        start(ChitChat.builder().build());
        try (Socket socket = new Socket("127.0.0.1", tcp.port());
             BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(),
                     StandardCharsets.UTF_8))) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write("{\"type\":\"ping\"}\n".getBytes(StandardCharsets.UTF_8));
            assertThat(in.readLine()).startsWith("Welcome to ChitChat");
            assertThat(in.readLine()).startsWith("* Connected to chitchat/");
            assertThat(in.readLine()).isEqualTo("* pong");
        }
    }

    @Test
    void transportClose_clientsGetGoodbyeWith1001() throws Exception {
        start(ChitChat.builder().build());
        TcpTestClient c = new TcpTestClient(tcp.port());
        JsonNode welcome = c.await("welcome");
        assertThat(welcome.path("protocol").asInt()).isEqualTo(1);
        tcp.close();
        assertThat(c.awaitClose()).isEqualTo(1001);
        assertThat(tcp.connections()).isZero();
        c.close();
    }
}
