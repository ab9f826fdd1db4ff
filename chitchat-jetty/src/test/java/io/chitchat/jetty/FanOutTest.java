package io.chitchat.jetty;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.chitchat.ChitChat;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.junit.jupiter.api.Test;

/** 500 WebSocket clients in one room: every member receives every entry after its join, in seq order, no gaps. */
class FanOutTest {
    private static final int CLIENTS = 500;
    private static final int SENDERS = 5;
    private static final int MESSAGES_EACH = 2;
    private static final String ROOM = "crowd";

    /** A lean client: keeps only the seq of each entry frame, not the frames. */
    static final class Member implements WebSocket.Listener {
        final String name;
        final CompletableFuture<Long> joinedSeq = new CompletableFuture<>();
        final List<Long> entries = new ArrayList<>(); // guarded by this
        private final StringBuilder partial = new StringBuilder();
        volatile long lastSeq;
        volatile String failure;
        WebSocket socket;

        Member(String name) {
            this.name = name;
        }

        @Override
        public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                try {
                    JsonNode frame = WsClient.JSON.readTree(partial.toString());
                    String type = frame.path("type").asText();
                    if (type.equals("joined")) {
                        joinedSeq.complete(frame.path("seq").asLong());
                    } else if (type.equals("message") || type.equals("system")) {
                        long seq = frame.path("seq").asLong();
                        synchronized (this) {
                            entries.add(seq);
                        }
                        lastSeq = seq;
                    } else if (type.equals("error")) {
                        failure = frame.toString();
                    }
                } catch (Exception e) {
                    failure = e.toString();
                }
                partial.setLength(0);
            }
            ws.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket ws, int code, String reason) {
            failure = "closed with " + code + " " + reason;
            return null;
        }

        synchronized List<Long> entries() {
            return List.copyOf(entries);
        }

        void send(String json) {
            socket.sendText(json, true).join();
        }
    }

    @Test
    void broadcast_500MembersInOneRoom_everyMemberReceivesEveryEntryInSeqOrder() throws Exception {
        ChitChat chat = TestServer.chat().build();
        try (TestServer server = TestServer.start(chat, "", JettyOptions.defaults())) {
            HttpClient http = WsClient.httpClient();
            URI uri = server.ws("/ws");
            List<Member> members = new ArrayList<>();
            for (int i = 0; i < CLIENTS; i++) {
                members.add(new Member("m" + i));
            }
            // the first member creates the room, then the others connect and join in waves of 50
            connect(http, uri, members.subList(0, 1));
            members.get(0).send("{\"type\":\"create\",\"room\":\"" + ROOM + "\",\"name\":\"m0\"}");
            members.get(0).joinedSeq.get(10, java.util.concurrent.TimeUnit.SECONDS);
            for (int from = 1; from < CLIENTS; from += 50) {
                List<Member> wave = members.subList(from, Math.min(CLIENTS, from + 50));
                connect(http, uri, wave);
                for (Member m : wave) {
                    m.send("{\"type\":\"join\",\"room\":\"" + ROOM + "\",\"name\":\"" + m.name + "\"}");
                }
            }
            CompletableFuture.allOf(members.stream().map(m -> m.joinedSeq).toArray(CompletableFuture[]::new))
                    .get(60, java.util.concurrent.TimeUnit.SECONDS);
            assertThat(server.mount.connections()).isEqualTo(CLIENTS);

            for (int s = 0; s < SENDERS; s++) {
                for (int k = 0; k < MESSAGES_EACH; k++) {
                    members.get(s * 97).send("{\"type\":\"send\",\"room\":\"" + ROOM + "\",\"text\":\"hello " + s
                            + "/" + k + "\"}");
                }
            }
            long finalSeq = CLIENTS + SENDERS * MESSAGES_EACH; // one join entry per member, then the messages
            await().atMost(Duration.ofSeconds(60)).until(() -> members.stream().allMatch(m -> m.lastSeq == finalSeq));

            for (Member m : members) {
                assertThat(m.failure).as(m.name).isNull();
                long first = m.joinedSeq.join() + 1;
                List<Long> expected = new ArrayList<>();
                for (long seq = first; seq <= finalSeq; seq++) {
                    expected.add(seq);
                }
                assertThat(m.entries()).as("entries received by %s", m.name).isEqualTo(expected);
            }
            for (Member m : members) {
                m.socket.abort();
            }
            await().atMost(Duration.ofSeconds(30)).until(() -> server.mount.connections() == 0);
        }
    }

    private static void connect(HttpClient http, URI uri, List<Member> wave) {
        List<CompletableFuture<WebSocket>> sockets = new ArrayList<>();
        for (Member m : wave) {
            sockets.add(http.newWebSocketBuilder().connectTimeout(WsClient.TIMEOUT).buildAsync(uri, m));
        }
        for (int i = 0; i < wave.size(); i++) {
            wave.get(i).socket = sockets.get(i).join();
        }
    }
}
