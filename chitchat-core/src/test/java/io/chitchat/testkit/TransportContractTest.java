package io.chitchat.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.chitchat.ChitChat;
import io.chitchat.ChitChatBuilder;
import io.chitchat.ChitChatListener;
import io.chitchat.RoomOptions;
import io.chitchat.protocol.Entry;
import io.chitchat.spi.AuthResult;
import io.chitchat.spi.PasswordHasher;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The protocol v1 contract, end to end, for any transport. A transport's test extends this class and says how
 * to serve an engine and connect a client; every test here then runs over that transport.
 *
 * <pre>{@code
 * class MyTransportContractTest extends TransportContractTest {
 *     protected Served serve(ChitChat chat) { ...start my transport around chat...; return () -> new MyClient(...); }
 * }
 * }</pre>
 *
 * Time-dependent rules (grace period, expiry, rate limits) run on a {@link FakeTime}.
 */
public abstract class TransportContractTest {

    /** A transport serving one engine; closed after each test. */
    public interface Served extends AutoCloseable {
        /** Connects a new client. */
        TestClient connect() throws Exception;

        @Override
        default void close() throws Exception {}
    }

    /** Starts the transport around a started engine. */
    protected abstract Served serve(ChitChat chat) throws Exception;

    protected final FakeTime time = new FakeTime();
    private final List<AutoCloseable> toClose = new ArrayList<>();
    private Served served;
    protected ChitChat chat;

    /** Starts an engine (fast hasher, fake time) configured by {@code config}, and the transport around it. */
    protected ChitChat start(UnaryOperator<ChitChatBuilder> config) throws Exception {
        ChitChatBuilder b = ChitChat.builder()
                .clock(time.clock())
                .scheduler(time)
                .passwordHasher(PasswordHasher.pbkdf2(1_000));
        chat = config.apply(b).build().start();
        served = serve(chat);
        return chat;
    }

    protected ChitChat start() throws Exception {
        return start(b -> b);
    }

    protected TestClient connect() throws Exception {
        TestClient c = served.connect();
        toClose.add(c);
        c.await("welcome");
        return c;
    }

    @AfterEach
    void tearDown() throws Exception {
        for (AutoCloseable c : toClose) {
            try {
                c.close();
            } catch (Exception ignored) {
                // best effort
            }
        }
        if (served != null) {
            served.close();
        }
        if (chat != null) {
            chat.close();
        }
    }

    /**
     * Waits for a frame that needs time to pass (presence coalescing, grace period, expiry): advances the fake
     * clock by {@code step} until the frame arrives. Timers are set asynchronously, so advancing once is racy.
     */
    protected JsonNode awaitAdvancing(TestClient c, java.util.function.Predicate<JsonNode> match, Duration step) {
        for (int i = 0; i < 400; i++) {
            JsonNode f = c.poll(match, Duration.ofMillis(25));
            if (f != null) {
                return f;
            }
            time.advance(step);
        }
        throw new AssertionError("no matching frame while time advanced");
    }

    protected static java.util.function.Predicate<JsonNode> presence(java.util.function.Predicate<JsonNode> p) {
        return f -> "presence".equals(f.path("type").asText()) && p.test(f);
    }

    protected static java.util.function.Predicate<JsonNode> system(String event) {
        return f -> "system".equals(f.path("type").asText()) && event.equals(f.path("event").asText());
    }

    protected static ObjectNode req(String type) {
        return TestClient.request(type);
    }

    // ---------------------------------------------------------------- connection

    @Test
    void connect_always_welcomeFirstWithProtocolAndLimits() throws Exception {
        start(b -> b.maxTextLength(500).sendRate(5, 7));
        TestClient c = served.connect();
        toClose.add(c);
        JsonNode first = c.await(f -> true);
        assertThat(first.path("type").asText()).isEqualTo("welcome");
        assertThat(first.path("protocol").asInt()).isEqualTo(1);
        assertThat(first.path("server").asText()).startsWith("chitchat/");
        assertThat(first.path("limits").path("maxText").asInt()).isEqualTo(500);
        assertThat(first.path("limits").path("maxFrame").asInt()).isEqualTo(65536);
        assertThat(first.path("limits").path("rate").asDouble()).isEqualTo(5.0);
        assertThat(first.path("limits").path("burst").asInt()).isEqualTo(7);
    }

    @Test
    void ping_withRef_pongWithSameRef() throws Exception {
        start();
        TestClient c = connect();
        JsonNode pong = c.call(req("ping"));
        assertThat(pong.path("type").asText()).isEqualTo("pong");
    }

    // ---------------------------------------------------------------- rooms

    @Test
    void create_withoutRoom_generatesCrockfordIdAndCreatorIsFirstMember() throws Exception {
        start();
        TestClient c = connect();
        JsonNode joined = c.create(null, "Alice");
        assertThat(joined.path("room").asText()).matches("[0-9abcdefghjkmnpqrstvwxyz]{10}");
        assertThat(joined.path("protected").asBoolean()).isFalse();
        assertThat(joined.path("you").path("name").asText()).isEqualTo("Alice");
        assertThat(joined.path("you").path("id").asText()).isNotBlank();
        assertThat(joined.path("count").asInt()).isEqualTo(1);
        assertThat(joined.path("members")).hasSize(1);
        assertThat(joined.path("seq").asLong()).isEqualTo(1);
        assertThat(joined.path("epoch").asText()).isNotBlank();
        assertThat(joined.path("resume").asText()).isNotBlank();
        assertThat(joined.has("recovered")).isFalse();
        JsonNode own = joined.path("history").get(0);
        assertThat(own.path("type").asText()).isEqualTo("system");
        assertThat(own.path("event").asText()).isEqualTo("join");
        assertThat(own.path("seq").asLong()).isEqualTo(1);
        assertThat(own.path("member").path("name").asText()).isEqualTo("Alice");
    }

    @Test
    void create_customIdWithCaseAndSpaces_normalisedToLowerCase() throws Exception {
        start();
        TestClient c = connect();
        assertThat(c.create("  Team-Blue ", "Alice").path("room").asText()).isEqualTo("team-blue");
        TestClient d = connect();
        assertThat(d.join("TEAM-BLUE", "Bob").path("room").asText()).isEqualTo("team-blue");
    }

    @Test
    void create_existingId_roomExists() throws Exception {
        start();
        connect().create("dup", "Alice");
        connect().expectError(req("create").put("room", "dup").put("name", "Bob"), "room_exists");
    }

    @Test
    void join_unknownRoom_roomNotFound() throws Exception {
        start();
        connect().expectError(req("join").put("room", "nowhere").put("name", "Bob"), "room_not_found");
    }

    @Test
    void join_secondMember_ownJoinInHistoryOthersGetSystemAndPresence() throws Exception {
        start();
        TestClient alice = connect();
        alice.create("lobby", "Alice");
        TestClient bob = connect();
        JsonNode joined = bob.join("lobby", "Bob");
        assertThat(joined.path("seq").asLong()).isEqualTo(2);
        assertThat(joined.path("count").asInt()).isEqualTo(2);
        assertThat(joined.path("members").findValuesAsText("name")).containsExactlyInAnyOrder("Alice", "Bob");
        assertThat(joined.path("history").findValuesAsText("event")).containsExactly("join", "join");

        JsonNode sys = alice.awaitSystem("lobby", "join");
        assertThat(sys.path("seq").asLong()).isEqualTo(2);
        assertThat(sys.path("member").path("name").asText()).isEqualTo("Bob");
        JsonNode presence = awaitAdvancing(alice,
                presence(f -> f.path("joined").findValuesAsText("name").contains("Bob")), Duration.ofMillis(50));
        assertThat(presence.path("count").asInt()).isEqualTo(2);
        bob.assertNone(f -> "system".equals(f.path("type").asText()), Duration.ofMillis(200));
    }

    @Test
    void send_twoMembers_ackWithSeqAndMessageToEveryoneInOrder() throws Exception {
        start();
        TestClient alice = connect();
        alice.create("chat", "Alice");
        TestClient bob = connect();
        bob.join("chat", "Bob");
        JsonNode ack = alice.expectType(alice.call(req("send").put("room", "chat").put("text", "hi\nthere")
                .put("cid", "c-1")), "ack");
        assertThat(ack.path("seq").asLong()).isEqualTo(3);
        assertThat(ack.path("cid").asText()).isEqualTo("c-1");
        assertThat(ack.path("room").asText()).isEqualTo("chat");
        for (TestClient c : List.of(alice, bob)) {
            JsonNode m = c.awaitMessage("chat");
            assertThat(m.path("seq").asLong()).isEqualTo(3);
            assertThat(m.path("text").asText()).isEqualTo("hi\nthere");
            assertThat(m.path("from").path("name").asText()).isEqualTo("Alice");
            assertThat(m.path("cid").asText()).isEqualTo("c-1");
            assertThat(m.path("ts").asLong()).isEqualTo(time.clock().millis());
        }
        for (int i = 0; i < 5; i++) {
            bob.say("chat", "n" + i);
        }
        for (int i = 0; i < 5; i++) {
            JsonNode m = alice.awaitMessage("chat");
            assertThat(m.path("text").asText()).isEqualTo("n" + i);
            assertThat(m.path("seq").asLong()).isEqualTo(4 + i);
        }
    }

    @Test
    void send_sameCidTwice_ackedWithOriginalSeqAndNotBroadcastAgain() throws Exception {
        start();
        TestClient alice = connect();
        alice.create("c", "Alice");
        TestClient bob = connect();
        bob.join("c", "Bob");
        ObjectNode first = req("send").put("room", "c").put("text", "once").put("cid", "x");
        long seq = alice.call(first).path("seq").asLong();
        JsonNode again = alice.call(req("send").put("room", "c").put("text", "once").put("cid", "x"));
        assertThat(again.path("type").asText()).isEqualTo("ack");
        assertThat(again.path("seq").asLong()).isEqualTo(seq);
        bob.awaitMessage("c");
        bob.assertNone(f -> "message".equals(f.path("type").asText()), Duration.ofMillis(300));
    }

    @Test
    void leave_member_leftReplyAndOthersGetLeaveEntryAndPresence() throws Exception {
        start();
        TestClient alice = connect();
        alice.create("c", "Alice");
        TestClient bob = connect();
        String bobId = bob.join("c", "Bob").path("you").path("id").asText();
        awaitAdvancing(alice, presence(f -> f.path("count").asInt() == 2), Duration.ofMillis(50));
        JsonNode left = bob.leave("c");
        assertThat(left.has("reason")).isFalse();
        JsonNode sys = alice.awaitSystem("c", "leave");
        assertThat(sys.path("member").path("id").asText()).isEqualTo(bobId);
        awaitAdvancing(alice, presence(f -> f.path("left").size() == 1 && f.path("count").asInt() == 1),
                Duration.ofMillis(50));
        bob.expectError(req("send").put("room", "c").put("text", "x"), "not_joined");
    }

    @Test
    void requests_notJoined_notJoined() throws Exception {
        start();
        connect().create("c", "Alice");
        TestClient bob = connect();
        bob.expectError(req("send").put("room", "c").put("text", "x"), "not_joined");
        bob.expectError(req("typing").put("room", "c"), "not_joined");
        bob.expectError(req("leave").put("room", "c"), "not_joined");
        bob.expectError(req("history").put("room", "c"), "not_joined");
    }

    @Test
    void join_twice_alreadyJoined() throws Exception {
        start();
        TestClient alice = connect();
        alice.create("c", "Alice");
        alice.expectError(req("join").put("room", "c").put("name", "Alice2"), "already_joined");
    }

    @Test
    void join_nameTakenIgnoringCase_nameTaken() throws Exception {
        start();
        connect().create("c", "Alice");
        connect().expectError(req("join").put("room", "c").put("name", " ALICE "), "name_taken");
    }

    @Test
    void typing_member_othersNotifiedOnceWithinInterval() throws Exception {
        start();
        TestClient alice = connect();
        alice.create("c", "Alice");
        TestClient bob = connect();
        bob.join("c", "Bob");
        alice.send(req("typing").put("room", "c"));
        JsonNode t = bob.await("typing");
        assertThat(t.path("member").path("name").asText()).isEqualTo("Alice");
        alice.send(req("typing").put("room", "c"));
        alice.call(req("ping"));
        bob.call(req("ping"));
        bob.assertNone(f -> "typing".equals(f.path("type").asText()), Duration.ofMillis(200));
        alice.assertNone(f -> "typing".equals(f.path("type").asText()), Duration.ZERO);
        time.advance(Duration.ofSeconds(2));
        alice.send(req("typing").put("room", "c"));
        bob.await("typing");
    }

    @Test
    void history_paging_olderPagesUntilComplete() throws Exception {
        start();
        TestClient alice = connect();
        alice.create("c", "Alice");
        for (int i = 0; i < 9; i++) {
            alice.say("c", "m" + i);
        }
        // seq 1 = join, 2..10 = m0..m8
        JsonNode page = alice.call(req("history").put("room", "c").put("limit", 4));
        assertThat(page.path("type").asText()).isEqualTo("history");
        assertThat(page.path("messages").findValuesAsText("text")).containsExactly("m5", "m6", "m7", "m8");
        assertThat(page.path("complete").asBoolean()).isFalse();
        JsonNode older = alice.call(req("history").put("room", "c").put("before", 7).put("limit", 100));
        assertThat(older.path("messages")).hasSize(6);
        assertThat(older.path("messages").get(0).path("seq").asLong()).isEqualTo(1);
        assertThat(older.path("complete").asBoolean()).isTrue();
        alice.expectError(req("history").put("room", "c").put("limit", 101), "bad_request");
        alice.expectError(req("history").put("room", "c").put("limit", 0), "bad_request");
    }

    // ---------------------------------------------------------------- validation

    @Test
    void invalidValues_eachGetsItsOwnCode() throws Exception {
        start(b -> b.maxTextLength(10));
        TestClient c = connect();
        c.expectError(req("create").put("room", "bad room!").put("name", "A"), "invalid_room");
        c.expectError(req("create").put("room", "x".repeat(65)).put("name", "A"), "invalid_room");
        c.expectError(req("create").put("room", "   ").put("name", "A"), "invalid_room");
        c.expectError(req("create").put("name", "   "), "invalid_name");
        c.expectError(req("create").put("name", "x".repeat(33)), "invalid_name");
        c.expectError(req("create").put("name", "bad\u0007name"), "invalid_name");
        c.expectError(req("create").put("name", "A").put("password", "p".repeat(129)), "invalid_password");
        c.create("ok", "Émile");
        c.expectError(req("send").put("room", "ok").put("text", ""), "invalid_text");
        c.expectError(req("send").put("room", "ok").put("text", "x".repeat(11)), "invalid_text");
        c.expectError(req("send").put("room", "ok").put("text", "nul\u0000"), "invalid_text");
        assertThat(c.say("ok", "😀".repeat(10)).path("seq").asLong()).isEqualTo(2);
        c.expectError(req("send").put("room", "ok").put("text", "x").put("cid", "c".repeat(65)), "bad_request");
    }

    @Test
    void name_32CodePointsAfterNfc_accepted() throws Exception {
        start();
        TestClient c = connect();
        String decomposed = "e\u0301".repeat(32); // 64 code points, 32 after NFC
        assertThat(c.create("n", decomposed).path("you").path("name").asText()).isEqualTo("é".repeat(32));
    }

    // ---------------------------------------------------------------- passwords

    @Test
    void protectedRoom_passwordRules() throws Exception {
        start();
        TestClient alice = connect();
        JsonNode created = alice.create("vault", "Alice", "s3cret");
        assertThat(created.path("protected").asBoolean()).isTrue();
        TestClient bob = connect();
        bob.expectError(req("join").put("room", "vault").put("name", "Bob"), "password_required");
        bob.expectError(req("join").put("room", "vault").put("name", "Bob").put("password", ""),
                "password_required");
        JsonNode wrong = bob.expectError(req("join").put("room", "vault").put("name", "Bob")
                .put("password", "guess"), "wrong_password");
        assertThat(wrong.toString()).doesNotContain("s3cret").doesNotContain("guess");
        JsonNode joined = bob.join("vault", "Bob", "s3cret");
        assertThat(joined.path("protected").asBoolean()).isTrue();
        assertThat(joined.toString()).doesNotContain("s3cret").doesNotContain("pbkdf2");
    }

    @Test
    void wrongPassword_fiveTimes_rateLimitedEvenWithRightPassword() throws Exception {
        start();
        connect().create("vault", "Alice", "right");
        TestClient bob = connect();
        for (int i = 0; i < 5; i++) {
            bob.expectError(req("join").put("room", "vault").put("name", "Bob").put("password", "w" + i),
                    "wrong_password");
        }
        bob.expectError(req("join").put("room", "vault").put("name", "Bob").put("password", "right"),
                "rate_limited");
        time.advance(Duration.ofSeconds(61));
        bob.join("vault", "Bob", "right");
    }

    @Test
    void sendAfterSlowJoin_sameConnection_processedAfterJoin() throws Exception {
        start();
        connect().create("vault", "Alice", "pw");
        TestClient bob = connect();
        ObjectNode join = req("join").put("room", "vault").put("name", "Bob").put("password", "pw");
        ObjectNode send = req("send").put("room", "vault").put("text", "right after");
        bob.send(join);
        bob.send(send);
        JsonNode ack = bob.await(f -> send.get("ref").asText().equals(f.path("ref").asText()));
        assertThat(ack.path("type").asText()).isEqualTo("ack");
    }

    // ---------------------------------------------------------------- limits

    @Test
    void sendRate_overBurst_rateLimitedThenRefills() throws Exception {
        start(b -> b.sendRate(1, 3));
        TestClient c = connect();
        c.create("r", "A");
        for (int i = 0; i < 3; i++) {
            c.say("r", "m" + i);
        }
        c.expectError(req("send").put("room", "r").put("text", "too many"), "rate_limited");
        time.advance(Duration.ofSeconds(1));
        c.say("r", "again");
    }

    @Test
    void repeatedViolations_closedWith4002() throws Exception {
        start(b -> b.abuseLimit(5));
        TestClient c = connect();
        for (int i = 0; i < 10; i++) {
            c.sendRaw("not json");
        }
        assertThat(c.awaitClose()).isEqualTo(4002);
    }

    @Test
    void roomFull_roomFull() throws Exception {
        start(b -> b.maxMembersPerRoom(2));
        connect().create("small", "A");
        connect().join("small", "B");
        connect().expectError(req("join").put("room", "small").put("name", "C"), "room_full");
    }

    @Test
    void limits_roomsPerConnectionAndRoomsInTotal_limitReached() throws Exception {
        start(b -> b.maxRoomsPerConnection(1).maxRooms(2));
        TestClient a = connect();
        a.create("one", "A");
        a.expectError(req("create").put("room", "two").put("name", "A"), "limit_reached");
        connect().create("two", "B");
        connect().expectError(req("create").put("room", "three").put("name", "C"), "limit_reached");
    }

    @Test
    void connectionsPerAddress_overLimit_limitReachedAndClosed() throws Exception {
        start(b -> b.maxConnectionsPerAddress(2));
        connect();
        connect();
        TestClient third = served.connect();
        toClose.add(third);
        JsonNode error = third.await("error");
        assertThat(error.path("code").asText()).isEqualTo("limit_reached");
        assertThat(third.awaitClose()).isEqualTo(1008);
    }

    // ---------------------------------------------------------------- malformed input

    @Test
    void malformedInput_eachAnsweredAndConnectionStaysUsable() throws Exception {
        start();
        TestClient c = connect();
        c.create("m", "Alice");
        String deep = "[".repeat(5000) + "]".repeat(5000);
        String[][] cases = {
            {"not json", "bad_request"},
            {"[1,2]", "bad_request"},
            {"\"text\"", "bad_request"},
            {"{}", "bad_request"},
            {"{\"type\":\"nope\",\"ref\":\"a\"}", "bad_request"},
            {"{\"type\":42}", "bad_request"},
            {"{\"type\":\"join\",\"room\":\"m\"}", "bad_request"},
            {"{\"type\":\"join\",\"room\":7,\"name\":\"x\"}", "bad_request"},
            {"{\"type\":\"join\",\"room\":null,\"name\":\"x\"}", "bad_request"},
            {"{\"type\":\"send\",\"room\":\"m\",\"text\":[\"x\"]}", "bad_request"},
            {"{\"type\":\"join\",\"room\":\"m\",\"name\":\"Z\",\"since\":1e400}", "bad_request"},
            {"{\"type\":\"join\",\"room\":\"m\",\"name\":\"Z\",\"since\":99999999999999999999999}", "bad_request"},
            {"{\"type\":\"join\",\"room\":\"m\",\"name\":\"Z\",\"since\":-1}", "bad_request"},
            {"{\"type\":\"history\",\"room\":\"m\",\"limit\":\"5\"}", "bad_request"},
            {"{\"type\":\"ping\",\"ref\":\"" + "r".repeat(65) + "\"}", "bad_request"},
            {"{\"type\":\"ping\",\"ref\":5}", "bad_request"},
            {"{\"type\":\"send\",\"room\":\"m\",\"text\":\"x\"", "bad_request"},
            {deep, "bad_request"},
            {"{\"type\":\"join\",\"room\":\"a b\",\"name\":\"x\"}", "invalid_room"},
            {"{\"type\":\"join\",\"room\":\"m\",\"name\":\"\\u0000\"}", "invalid_name"},
        };
        for (String[] kase : cases) {
            c.sendRaw(kase[0]);
            JsonNode error = c.await("error");
            assertThat(error.path("code").asText()).as("error for %s", kase[0].length() > 80
                    ? kase[0].substring(0, 80) : kase[0]).isEqualTo(kase[1]);
            time.advance(Duration.ofSeconds(1)); // forgive the violation
        }
        assertThat(c.call(req("ping")).path("type").asText()).isEqualTo("pong");
        assertThat(c.say("m", "still here").path("type").asText()).isEqualTo("ack");
    }

    @Test
    void unknownFields_ignored() throws Exception {
        start();
        TestClient c = connect();
        JsonNode joined = c.call(req("create").put("room", "u").put("name", "A").put("color", "blue"));
        assertThat(joined.path("type").asText()).isEqualTo("joined");
    }

    @Test
    void errorReply_carriesRef() throws Exception {
        start();
        TestClient c = connect();
        ObjectNode r = req("join").put("room", "missing").put("name", "A");
        JsonNode e = c.expectError(r, "room_not_found");
        assertThat(e.path("ref").asText()).isEqualTo(r.get("ref").asText());
    }

    // ---------------------------------------------------------------- recovery and resume

    @Test
    void since_withinRetention_recoversExactlyTheMissedEntries() throws Exception {
        start();
        TestClient alice = connect();
        JsonNode created = alice.create("r", "Alice");
        TestClient bob = connect();
        JsonNode joined = bob.join("r", "Bob");
        long seen = joined.path("seq").asLong();
        String epoch = joined.path("epoch").asText();
        bob.leave("r");
        alice.say("r", "one");
        alice.say("r", "two");
        JsonNode back = bob.call(req("join").put("room", "r").put("name", "Bob").put("since", seen)
                .put("epoch", epoch));
        assertThat(back.path("recovered").asBoolean()).isTrue();
        // bob's leave (3), one (4), two (5), bob's new join (6)
        assertThat(back.path("history").findValuesAsText("seq")).containsExactly("3", "4", "5", "6");
        assertThat(created.path("epoch").asText()).isEqualTo(epoch);
    }

    @Test
    void since_wrongEpochOrAheadOfRoom_latestEntriesNotRecovered() throws Exception {
        start();
        TestClient alice = connect();
        alice.create("r", "Alice");
        alice.say("r", "x");
        TestClient bob = connect();
        JsonNode j1 = bob.call(req("join").put("room", "r").put("name", "Bob").put("since", 1).put("epoch", "old"));
        assertThat(j1.path("recovered").asBoolean()).isFalse();
        assertThat(j1.path("history").findValuesAsText("seq")).containsExactly("1", "2", "3");
        bob.leave("r");
        JsonNode j2 = bob.call(req("join").put("room", "r").put("name", "Bob").put("since", 99));
        assertThat(j2.path("recovered").asBoolean()).isFalse();
    }

    @Test
    void since_olderThanRetention_notRecovered() throws Exception {
        start(b -> b.historyRetention(5).joinHistory(3).sendRate(100, 100));
        TestClient alice = connect();
        alice.create("r", "Alice");
        for (int i = 0; i < 10; i++) {
            alice.say("r", "m" + i);
        }
        TestClient bob = connect();
        JsonNode j = bob.call(req("join").put("room", "r").put("name", "Bob").put("since", 2));
        assertThat(j.path("recovered").asBoolean()).isFalse();
        assertThat(j.path("history")).hasSize(3);
        assertThat(j.path("history").get(2).path("event").asText()).isEqualTo("join");
    }

    @Test
    void resume_withinGrace_sameMemberNoEntriesAndMissedRecovered() throws Exception {
        start();
        TestClient alice = connect();
        alice.create("r", "Alice");
        TestClient bob = connect();
        JsonNode joined = bob.join("r", "Bob");
        bob.drop();
        alice.say("r", "while away");
        time.advance(Duration.ofSeconds(5));
        TestClient bob2 = connect();
        JsonNode back = bob2.call(req("join").put("room", "r").put("name", "Whatever")
                .put("resume", joined.path("resume").asText()).put("since", joined.path("seq").asLong())
                .put("epoch", joined.path("epoch").asText()));
        assertThat(back.path("type").asText()).isEqualTo("joined");
        assertThat(back.path("you")).isEqualTo(joined.path("you"));
        assertThat(back.path("recovered").asBoolean()).isTrue();
        assertThat(back.path("history").findValuesAsText("text")).containsExactly("while away");
        time.advance(Duration.ofSeconds(30));
        alice.say("r", "after");
        alice.awaitMessage("r");
        alice.awaitMessage("r");
        assertThat(alice.all("system")).extracting(f -> f.path("seq").asLong()).containsExactly(2L);
        assertThat(bob2.awaitMessage("r").path("text").asText()).isEqualTo("after");
    }

    @Test
    void gracePeriodOver_leaveEntryAndPresenceEmitted() throws Exception {
        start(b -> b.gracePeriod(Duration.ofSeconds(10)));
        TestClient alice = connect();
        alice.create("r", "Alice");
        TestClient bob = connect();
        bob.join("r", "Bob");
        bob.drop();
        time.advance(Duration.ofSeconds(9));
        alice.say("r", "sync");
        alice.awaitMessage("r");
        assertThat(alice.all("system")).hasSize(1);
        JsonNode leave = awaitAdvancing(alice, system("leave"), Duration.ofMillis(500));
        assertThat(leave.path("member").path("name").asText()).isEqualTo("Bob");
        awaitAdvancing(alice, presence(f -> f.path("count").asInt() == 1), Duration.ofMillis(50));
    }

    @Test
    void resume_afterGrace_newMembershipUnderTokenName() throws Exception {
        start();
        TestClient alice = connect();
        alice.create("r", "Alice");
        TestClient bob = connect();
        JsonNode joined = bob.join("r", "Bob");
        bob.drop();
        awaitAdvancing(alice, system("leave"), Duration.ofSeconds(1));
        TestClient bob2 = connect();
        JsonNode back = bob2.call(req("join").put("room", "r").put("name", "Robert")
                .put("resume", joined.path("resume").asText()));
        assertThat(back.path("you").path("name").asText()).isEqualTo("Bob");
        assertThat(back.path("you").path("id").asText()).isNotEqualTo(joined.path("you").path("id").asText());
    }

    @Test
    void resume_whileOldConnectionOpen_takesOverAndOldGetsLeft() throws Exception {
        start();
        connect().create("r", "Alice");
        TestClient bob = connect();
        JsonNode joined = bob.join("r", "Bob");
        TestClient bob2 = connect();
        JsonNode back = bob2.call(req("join").put("room", "r").put("name", "Bob")
                .put("resume", joined.path("resume").asText()));
        assertThat(back.path("you")).isEqualTo(joined.path("you"));
        JsonNode left = bob.await("left");
        assertThat(left.path("reason").asText()).isEqualTo("resumed_elsewhere");
    }

    @Test
    void resume_protectedRoom_noPasswordNeeded() throws Exception {
        start();
        connect().create("vault", "Alice", "pw");
        TestClient bob = connect();
        JsonNode joined = bob.join("vault", "Bob", "pw");
        bob.drop();
        TestClient bob2 = connect();
        JsonNode back = bob2.call(req("join").put("room", "vault").put("name", "Bob")
                .put("resume", joined.path("resume").asText()));
        assertThat(back.path("type").asText()).isEqualTo("joined");
    }

    @Test
    void resume_invalidToken_ignoredAndNormalRulesApply() throws Exception {
        start();
        connect().create("vault", "Alice", "pw");
        TestClient bob = connect();
        bob.expectError(req("join").put("room", "vault").put("name", "Bob").put("resume", "forged.token"),
                "password_required");
    }

    @Test
    void emptyRoom_removedAfterTtl_thenNotFoundAndNewEpoch() throws Exception {
        start(b -> b.emptyRoomTtl(Duration.ofSeconds(60)));
        TestClient alice = connect();
        String epoch = alice.create("temp", "Alice").path("epoch").asText();
        alice.leave("temp");
        time.advance(Duration.ofSeconds(59));
        connect().join("temp", "Bob").path("room");
        TestClient carol = connect();
        // Bob is still inside: the room stays
        time.advance(Duration.ofSeconds(120));
        carol.join("temp", "Carol");
        carol.leave("temp");
        connect().call(req("ping"));
        assertThat(chat.room("temp")).isPresent();
        chat.closeRoom("temp").get(5, TimeUnit.SECONDS);
        assertThat(chat.room("temp")).isEmpty();
        TestClient dave = connect();
        dave.expectError(req("join").put("room", "temp").put("name", "Dave"), "room_not_found");
        assertThat(dave.create("temp", "Dave").path("epoch").asText()).isNotEqualTo(epoch);
    }

    @Test
    void emptyRoom_noMembersForTtl_removed() throws Exception {
        start(b -> b.emptyRoomTtl(Duration.ofSeconds(60)));
        TestClient alice = connect();
        alice.create("gone", "Alice");
        alice.leave("gone");
        time.advance(Duration.ofSeconds(59));
        assertThat(chat.room("gone")).isPresent();
        // the expiry timer is set asynchronously after the leave: keep time moving until it fires
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> {
            time.advance(Duration.ofSeconds(5));
            return chat.room("gone").isEmpty();
        });
        alice.expectError(req("join").put("room", "gone").put("name", "A"), "room_not_found");
    }

    // ---------------------------------------------------------------- application

    @Test
    void authenticator_deny_unauthorizedAndClosed1008() throws Exception {
        start(b -> b.authenticator(h -> AuthResult.deny("no token")));
        TestClient c = served.connect();
        toClose.add(c);
        JsonNode error = c.await("error");
        assertThat(error.path("code").asText()).isEqualTo("unauthorized");
        assertThat(c.awaitClose()).isEqualTo(1008);
    }

    @Test
    void authenticator_userName_usedInsteadOfRequestedName() throws Exception {
        start(b -> b.authenticator(h -> AuthResult.user("u1", "Verified Vera")));
        TestClient c = connect();
        assertThat(c.create("a", "Mallory").path("you").path("name").asText()).isEqualTo("Verified Vera");
    }

    @Test
    void serverApi_postNoticeKickAndClose() throws Exception {
        start();
        List<String> events = new java.util.concurrent.CopyOnWriteArrayList<>();
        chat.addListener(new ChitChatListener() {
            @Override
            public void memberLeft(String roomId, io.chitchat.protocol.Member member, String reason) {
                events.add("left:" + member.name() + ":" + reason);
            }

            @Override
            public void messageSequenced(Entry.Message message) {
                events.add("msg:" + message.text());
            }
        });
        chat.createRoom(RoomOptions.of("hall").asPermanent()).get(5, TimeUnit.SECONDS);
        TestClient alice = connect();
        alice.join("hall", "Alice");
        TestClient bob = connect();
        String bobId = bob.join("hall", "Bob").path("you").path("id").asText();
        long seq = chat.post("hall", "Greeter", "welcome!").get(5, TimeUnit.SECONDS);
        JsonNode m = alice.awaitMessage("hall");
        assertThat(m.path("seq").asLong()).isEqualTo(seq);
        assertThat(m.path("from").path("name").asText()).isEqualTo("Greeter");
        chat.notice("hall", "maintenance soon").get(5, TimeUnit.SECONDS);
        assertThat(alice.awaitMessage("hall").path("from").path("id").asText()).isEqualTo("system");
        assertThat(chat.removeMember("hall", bobId).get(5, TimeUnit.SECONDS)).isTrue();
        assertThat(bob.await("left").path("reason").asText()).isEqualTo("kicked");
        alice.awaitSystem("hall", "leave");
        assertThat(chat.closeRoom("hall").get(5, TimeUnit.SECONDS)).isTrue();
        assertThat(alice.await("left").path("reason").asText()).isEqualTo("room_closed");
        assertThat(chat.room("hall")).isEmpty();
        assertThat(events).contains("msg:welcome!", "left:Bob:kicked", "left:Alice:room_closed");
    }

    @Test
    void permanentRoom_emptyForLong_stays() throws Exception {
        start();
        chat.createRoom(RoomOptions.of("forever").withPassword("pw").asPermanent()).get(5, TimeUnit.SECONDS);
        time.advance(Duration.ofHours(1));
        assertThat(chat.room("forever")).hasValueSatisfying(r -> assertThat(r.isProtected()).isTrue());
        connect().join("forever", "A", "pw");
    }

    @Test
    void close_engine_clientsGet1001() throws Exception {
        start();
        TestClient c = connect();
        chat.close();
        assertThat(c.awaitClose()).isEqualTo(1001);
    }
}
