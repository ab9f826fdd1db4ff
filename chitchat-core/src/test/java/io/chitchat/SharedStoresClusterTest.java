package io.chitchat;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.chitchat.protocol.Entry;
import io.chitchat.protocol.Member;
import io.chitchat.spi.Broker;
import io.chitchat.spi.BrokerListener;
import io.chitchat.spi.HistoryStore;
import io.chitchat.spi.PasswordHasher;
import io.chitchat.spi.RoomRegistry;
import io.chitchat.testkit.InMemoryTestClient;
import io.chitchat.testkit.TestClient;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Two engines sharing one registry, one history and an in-process bus: the cluster paths of the engine
 * (entries sequenced elsewhere, presence from entries, adoption of a member resumed on another node) without
 * Redis.
 */
class SharedStoresClusterTest {
    private final HistoryStore history = HistoryStore.inMemory(200);
    private final RoomRegistry registry = RoomRegistry.inMemory();
    private final List<BrokerListener> nodes = new CopyOnWriteArrayList<>();
    private final List<ChitChat> engines = new CopyOnWriteArrayList<>();
    private final byte[] key = new byte[32];

    @AfterEach
    void close() {
        engines.forEach(ChitChat::close);
    }

    private ChitChat node() {
        ChitChat chat = ChitChat.builder().historyStore(history).roomRegistry(registry).resumeKey(key)
                .passwordHasher(PasswordHasher.pbkdf2(1_000)).broker(h -> new BusBroker()).build().start();
        engines.add(chat);
        return chat;
    }

    private static InMemoryTestClient client(ChitChat chat) {
        InMemoryTestClient c = new InMemoryTestClient(chat);
        c.await("welcome");
        return c;
    }

    @Test
    void twoNodes_messagesAndPresenceCrossNodesInSeqOrder() {
        ChitChat a = node();
        ChitChat b = node();
        TestClient alice = client(a);
        alice.create("x", "Alice", "pw");
        TestClient bob = client(b);
        bob.join("x", "Bob", "pw");
        client(b).expectError(TestClient.request("join").put("room", "x").put("name", "ALICE").put("password", "pw"),
                "name_taken");
        assertThat(alice.awaitSystem("x", "join").path("member").path("name").asText()).isEqualTo("Bob");
        bob.say("x", "from b");
        alice.say("x", "from a");
        for (TestClient c : List.of(alice, bob)) {
            assertThat(c.awaitMessage("x").path("seq").asLong()).isEqualTo(3);
            assertThat(c.awaitMessage("x").path("seq").asLong()).isEqualTo(4);
        }
    }

    @Test
    void resumeOnOtherNodeWithinGrace_memberAdoptedSilently() {
        ChitChat a = node();
        ChitChat b = node();
        TestClient alice = client(a);
        alice.create("r", "Alice");
        TestClient bob = client(a);
        JsonNode joined = bob.join("r", "Bob");
        bob.drop();
        alice.say("r", "missed");
        TestClient bobAgain = client(b);
        JsonNode back = bobAgain.call(TestClient.request("join").put("room", "r").put("name", "Bob")
                .put("resume", joined.path("resume").asText()).put("since", joined.path("seq").asLong())
                .put("epoch", joined.path("epoch").asText()));
        assertThat(back.path("type").asText()).isEqualTo("joined");
        assertThat(back.path("you")).isEqualTo(joined.path("you"));
        assertThat(back.path("history").findValuesAsText("text")).containsExactly("missed");
        alice.say("r", "hello again");
        assertThat(bobAgain.awaitMessage("r").path("text").asText()).isEqualTo("hello again");
        alice.awaitMessage("r");
        alice.awaitMessage("r");
        alice.assertNone(f -> "system".equals(f.path("type").asText()) && f.path("seq").asLong() > 2,
                Duration.ofMillis(300));
    }

    /** Sequences into the shared history and delivers to every node, like a central broker would. */
    private final class BusBroker implements Broker {
        private BrokerListener mine;

        @Override
        public void start(BrokerListener listener) {
            mine = listener;
            nodes.add(listener);
        }

        @Override
        public Entry sequence(String room, Entry draft) {
            synchronized (nodes) {
                Entry e = history.append(room, draft);
                nodes.forEach(n -> n.onEntry(e));
                return e;
            }
        }

        @Override
        public void typing(String room, Member member) {
            nodes.stream().filter(n -> n != mine).forEach(n -> n.onTyping(room, member));
        }

        @Override
        public void memberAdopted(String room, String memberId) {
            nodes.stream().filter(n -> n != mine).forEach(n -> n.onMemberAdopted(room, memberId));
        }

        @Override
        public void roomRemoved(String room, String reason) {
            nodes.stream().filter(n -> n != mine).forEach(n -> n.onRoomRemoved(room, reason));
        }

        @Override
        public void close() {
            nodes.remove(mine);
        }
    }
}
