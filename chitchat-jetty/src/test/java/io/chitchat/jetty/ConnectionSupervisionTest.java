package io.chitchat.jetty;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.chitchat.ChitChat;
import java.io.IOException;
import java.net.SocketException;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Pings, idle timeouts and the abort of close handshakes that do not finish. */
class ConnectionSupervisionTest {
    private static final Duration IDLE = Duration.ofMillis(800);
    private static final Duration PING = Duration.ofMillis(200);
    private static final Duration CLOSE_TIMEOUT = Duration.ofMillis(500);

    private static TestServer server;

    @BeforeAll
    static void start() {
        ChitChat chat = TestServer.chat().idleTimeout(IDLE).pingInterval(PING).build();
        server = TestServer.start(chat, "", JettyOptions.builder().closeTimeout(CLOSE_TIMEOUT).build());
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void supervisor_clientNeverAnswersPings_pingedThenClosedWith1001() throws IOException {
        try (RawWebSocket raw = RawWebSocket.connect(server.port(), "/ws", 0)) {
            long start = System.nanoTime();
            List<Integer> opcodes = new ArrayList<>();
            RawWebSocket.Frame frame;
            while ((frame = raw.read()) != null && frame.opcode() != 0x8) {
                opcodes.add(frame.opcode());
            }
            long elapsedMillis = (System.nanoTime() - start) / 1_000_000;

            assertThat(frame).as("a close frame").isNotNull();
            assertThat(frame.closeCode()).isEqualTo(1001);
            assertThat(opcodes).as("welcome, then pings").startsWith(0x1).contains(0x9);
            assertThat(elapsedMillis).isBetween(IDLE.toMillis() - 50, IDLE.toMillis() + 2_000);
            // the client never answers the close: the server aborts the connection
            assertThat(endOfStream(raw)).isTrue();
        }
        await().atMost(WsClient.TIMEOUT).until(() -> server.mount.connections() == 0
                && server.chat.stats().connections() == 0);
    }

    @Test
    void supervisor_clientAnswersPings_staysOpenPastIdleTimeout() {
        HttpClient http = WsClient.httpClient();
        try (WsClient c = WsClient.connect(http, server.ws("/ws"))) {
            c.next("welcome");
            await().during(IDLE.multipliedBy(2)).atMost(IDLE.multipliedBy(3)).until(c::isOpen);
        }
    }

    /** Reads what is left; true when the stream ends (or is reset) without another close frame's answer. */
    private static boolean endOfStream(RawWebSocket raw) throws IOException {
        try {
            return raw.read() == null;
        } catch (SocketException e) {
            return true; // reset
        }
    }
}
