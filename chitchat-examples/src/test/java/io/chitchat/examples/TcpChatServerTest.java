package io.chitchat.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.chitchat.client.ChitChatClient;
import io.chitchat.client.ClientListener;
import io.chitchat.protocol.Entry;
import io.chitchat.protocol.ServerFrame;
import java.net.URI;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A person on the TCP transport and a WebSocket client chat in the same room of one engine. */
class TcpChatServerTest {
    private TcpChatServer server;
    private ChitChatClient browser;
    private final LinkedBlockingQueue<Entry.Message> browserMessages = new LinkedBlockingQueue<>();

    @BeforeEach
    void start() throws Exception {
        server = TcpChatServer.start(0, "127.0.0.1", 0);
        browser = ChitChatClient.builder(URI.create("ws://localhost:" + server.web().port() + "/ws"))
                .listener(new ClientListener() {
                    @Override
                    public void onMessage(Entry.Message message) {
                        browserMessages.add(message);
                    }
                })
                .build();
        browser.connect().get(10, TimeUnit.SECONDS);
    }

    @AfterEach
    void stop() {
        browser.close();
        server.close();
    }

    @Test
    void ncAndWebSocket_sameRoom_seeEachOther() throws Exception {
        try (LineClient nc = new LineClient(server.tcp().port())) {
            nc.awaitLine("Welcome to ChitChat");
            nc.type("/create lobby Nina");
            assertThat(nc.awaitLine("* You are in lobby")).isEqualTo(
                    "* You are in lobby as Nina. Present (1): Nina");

            ServerFrame.Joined joined = browser.join("lobby", "Wendy").get(10, TimeUnit.SECONDS);
            assertThat(joined.members()).extracting(m -> m.name()).containsExactly("Nina", "Wendy");
            nc.awaitLine("[lobby] * Wendy joined");

            nc.type("hello from nc");
            Entry.Message fromNc = browserMessages.poll(10, TimeUnit.SECONDS);
            assertThat(fromNc).isNotNull();
            assertThat(fromNc.from().name()).isEqualTo("Nina");
            assertThat(fromNc.text()).isEqualTo("hello from nc");

            browser.send("lobby", "hi from the browser\nsecond line").get(10, TimeUnit.SECONDS);
            nc.awaitLine("[lobby] Wendy: hi from the browser");
            assertThat(nc.await(l -> true)).isEqualTo("    second line");
        }
    }

    @Test
    void nc_commandsAndMistakes_answeredInPlainText() throws Exception {
        try (LineClient nc = new LineClient(server.tcp().port())) {
            nc.type("hello?");
            nc.awaitLine("* Connected to chitchat/");
            nc.awaitLine("You are not in a room yet.");
            nc.type("/help");
            nc.awaitLine("  /join <room> <name> [password]");
            nc.type("/join nowhere Nina");
            assertThat(nc.awaitLine("!")).isEqualTo("! room 'nowhere' does not exist (room_not_found)");
            nc.type("/create lobby Nina");
            nc.awaitLine("* You are in lobby as Nina");
            nc.type("/rooms");
            nc.awaitLine("Your rooms: lobby (current)");
            nc.type("/frobnicate");
            nc.awaitLine("Unknown command /frobnicate");
            nc.type("/quit");
            nc.awaitLine("* Disconnected: bye (1000)");
            nc.awaitLine("<EOF>");
        }
    }
}
