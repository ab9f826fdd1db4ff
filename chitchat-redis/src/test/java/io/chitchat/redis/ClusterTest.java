package io.chitchat.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.chitchat.ChitChatException;
import io.chitchat.RoomOptions;
import io.chitchat.protocol.ClientFrame;
import io.chitchat.protocol.Entry;
import io.chitchat.protocol.ErrorCode;
import io.chitchat.protocol.Member;
import io.chitchat.protocol.ServerFrame;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Several engines in one JVM, each a node of one cluster, driven by clients through the transport SPI. */
@Tag("redis")
class ClusterTest {
    private RedisFixture fixture;

    @BeforeEach
    void setUp() {
        fixture = new RedisFixture();
    }

    @AfterEach
    void tearDown() {
        fixture.close();
    }

    private static List<Long> range(long from, long to) {
        return LongStream.rangeClosed(from, to).boxed().toList();
    }

    /** The seqs a client saw in a room: its joined history, then broadcasts. */
    private static List<Long> seen(TestClient c, ServerFrame.Joined joined) {
        List<Long> out = new ArrayList<>(joined.history().stream().map(Entry::seq).toList());
        c.entries(joined.room()).forEach(e -> out.add(e.seq()));
        return out;
    }

    @Test
    void send_onTwoNodes_everyClientSeesEveryEntryInSeqOrder() {
        var a = fixture.engine("a");
        var b = fixture.engine("b");
        TestClient alice = a.connect();
        TestClient bob = b.connect();
        ServerFrame.Joined aliceJoined = alice.create("lobby", "Alice");
        ServerFrame.Joined bobJoined = bob.join("lobby", "Bob");
        assertThat(bobJoined.members()).extracting(Member::name).containsExactly("Alice", "Bob");

        for (int i = 0; i < 30; i++) {
            alice.post("lobby", "a" + i);
            bob.post("lobby", "b" + i);
        }
        long last = 2 + 60;
        await().atMost(Duration.ofSeconds(10)).until(() ->
                seen(alice, aliceJoined).size() == last && seen(bob, bobJoined).size() == last);
        assertThat(seen(alice, aliceJoined)).isEqualTo(range(1, last));
        assertThat(seen(bob, bobJoined)).isEqualTo(range(1, last));
        assertThat(alice.frames(ServerFrame.Ack.class)).hasSize(30);
        List<String> aliceTexts = alice.entries("lobby").stream().filter(e -> e instanceof Entry.Message)
                .map(e -> ((Entry.Message) e).text()).toList();
        List<String> bobTexts = bob.entries("lobby").stream().filter(e -> e instanceof Entry.Message)
                .map(e -> ((Entry.Message) e).text()).toList();
        assertThat(aliceTexts).isEqualTo(bobTexts).hasSize(60);
    }

    @Test
    void join_onThreeNodes_presenceCountsAgree() {
        var nodes = List.of(fixture.engine("a"), fixture.engine("b"), fixture.engine("c"));
        TestClient creator = nodes.get(0).connect();
        creator.create("hall", "User0");
        List<TestClient> clients = new ArrayList<>(List.of(creator));
        List<ServerFrame.Joined> joins = new ArrayList<>();
        for (int i = 1; i < 6; i++) {
            TestClient c = nodes.get(i % 3).connect();
            joins.add(c.join("hall", "User" + i));
            clients.add(c);
        }
        assertThat(joins.get(joins.size() - 1).count()).isEqualTo(6);
        for (TestClient c : clients) {
            await().atMost(Duration.ofSeconds(5)).until(() -> latestCount(c) == 6);
        }
        for (var node : nodes) {
            assertThat(node.chat().room("hall").orElseThrow().members()).isEqualTo(6);
        }
        clients.get(4).call(new ClientFrame.Leave(clients.get(4).nextRef(), "hall"));
        for (TestClient c : clients) {
            if (c != clients.get(4)) {
                await().atMost(Duration.ofSeconds(5)).until(() -> latestCount(c) == 5);
            }
        }
    }

    /** The member count a client last heard of: its latest presence diff, else its joined. */
    private static int latestCount(TestClient c) {
        List<ServerFrame.Presence> diffs = c.frames(ServerFrame.Presence.class);
        if (!diffs.isEmpty()) {
            return diffs.get(diffs.size() - 1).count();
        }
        return c.frames(ServerFrame.Joined.class).get(0).count();
    }

    @Test
    void join_nameTakenOnAnotherNode_isRefusedCaseInsensitively() {
        var a = fixture.engine("a");
        var b = fixture.engine("b");
        a.connect().create("room", "Alice");
        TestClient other = b.connect();
        ServerFrame reply = other.call(new ClientFrame.Join(other.nextRef(), "room", "ALICE", null, null, null, null));
        assertThat(reply).isInstanceOfSatisfying(ServerFrame.Error.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.NAME_TAKEN));
        assertThat(other.join("room", "Alicia").count()).isEqualTo(2);
    }

    @Test
    void createRoom_sameIdOnTwoNodesAtOnce_exactlyOneSucceeds() {
        var a = fixture.engine("a");
        var b = fixture.engine("b");
        for (int i = 0; i < 10; i++) {
            String id = "race-" + i;
            CompletableFuture<?> fa = a.chat().createRoom(RoomOptions.of(id));
            CompletableFuture<?> fb = b.chat().createRoom(RoomOptions.of(id));
            int ok = 0;
            for (CompletableFuture<?> f : List.of(fa, fb)) {
                try {
                    f.join();
                    ok++;
                } catch (CompletionException e) {
                    assertThat(e.getCause()).isInstanceOfSatisfying(ChitChatException.class,
                            ce -> assertThat(ce.code()).isEqualTo(ErrorCode.ROOM_EXISTS));
                }
            }
            assertThat(ok).as("successful creations of %s", id).isEqualTo(1);
        }
        assertThat(a.chat().rooms()).hasSize(10);
    }

    @Test
    void create_clientsRacingOnTwoNodes_exactlyOneCreates() {
        var a = fixture.engine("a");
        var b = fixture.engine("b");
        TestClient x = a.connect();
        TestClient y = b.connect();
        x.request(new ClientFrame.Create("cx", "duel", "X", null));
        y.request(new ClientFrame.Create("cy", "duel", "Y", null));
        ServerFrame rx = x.await(ServerFrame.class, f -> f instanceof ServerFrame.Joined || f instanceof ServerFrame.Error);
        ServerFrame ry = y.await(ServerFrame.class, f -> f instanceof ServerFrame.Joined || f instanceof ServerFrame.Error);
        assertThat(List.of(rx, ry)).filteredOn(f -> f instanceof ServerFrame.Joined).hasSize(1);
        assertThat(List.of(rx, ry)).filteredOn(f -> f instanceof ServerFrame.Error e
                && e.code() == ErrorCode.ROOM_EXISTS).hasSize(1);
    }

    @Test
    void join_protectedRoomCreatedOnAnotherNode_needsThePassword() {
        var a = fixture.engine("a");
        var b = fixture.engine("b");
        assertThat(a.connect().create("vault", "Owner", "s3cret").isProtected()).isTrue();
        TestClient guest = b.connect();
        ServerFrame none = guest.call(new ClientFrame.Join(guest.nextRef(), "vault", "Guest", null, null, null, null));
        ServerFrame wrong = guest.call(new ClientFrame.Join(guest.nextRef(), "vault", "Guest", "nope", null, null,
                null));
        ServerFrame right = guest.call(new ClientFrame.Join(guest.nextRef(), "vault", "Guest", "s3cret", null, null,
                null));
        assertThat(((ServerFrame.Error) none).code()).isEqualTo(ErrorCode.PASSWORD_REQUIRED);
        assertThat(((ServerFrame.Error) wrong).code()).isEqualTo(ErrorCode.WRONG_PASSWORD);
        assertThat(right).isInstanceOfSatisfying(ServerFrame.Joined.class, j -> {
            assertThat(j.isProtected()).isTrue();
            assertThat(j.count()).isEqualTo(2);
        });
    }

    @Test
    void join_withSinceOnAnotherNode_recoversExactlyTheMissedEntries() {
        var a = fixture.engine(fixture.options("a"), builder -> builder.gracePeriod(Duration.ZERO));
        var b = fixture.engine(fixture.options("b"), builder -> builder.gracePeriod(Duration.ZERO));
        TestClient host = b.connect();
        host.create("room", "Host");
        TestClient roamer = a.connect();
        ServerFrame.Joined first = roamer.join("room", "Roamer");
        host.send("room", "seen");
        roamer.await(Entry.Message.class, m -> m.text().equals("seen"));
        long since = roamer.entries("room").get(roamer.entries("room").size() - 1).seq();
        roamer.drop();

        List<Long> missed = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            missed.add(host.send("room", "missed " + i).seq());
        }
        TestClient back = b.connect();
        ServerFrame reply = back.call(new ClientFrame.Join(back.nextRef(), "room", "Other", null, since,
                first.epoch(), first.resume()));
        ServerFrame.Joined joined = TestClient.expect(ServerFrame.Joined.class, reply);
        assertThat(joined.recovered()).isTrue();
        assertThat(joined.history()).extracting(Entry::seq).isEqualTo(range(since + 1, joined.seq()));
        assertThat(joined.history()).filteredOn(e -> e instanceof Entry.Message)
                .extracting(e -> ((Entry.Message) e).text())
                .containsExactly("missed 0", "missed 1", "missed 2", "missed 3", "missed 4");
        assertThat(joined.history()).filteredOn(e -> e instanceof Entry.Message).extracting(Entry::seq)
                .isEqualTo(missed);
        assertThat(joined.you().name()).as("the token's name, free after the leave").isEqualTo("Roamer");
    }

    @Test
    void resume_onAnotherNodeWithinTheGracePeriod_keepsTheMembershipSilently() {
        var a = fixture.engine(fixture.options("a"), builder -> builder.gracePeriod(Duration.ofSeconds(1)));
        var b = fixture.engine(fixture.options("b"), builder -> builder.gracePeriod(Duration.ofSeconds(1)));
        TestClient host = b.connect();
        host.create("room", "Host");
        TestClient roamer = a.connect();
        ServerFrame.Joined first = roamer.join("room", "Roamer");
        // b must have seen the join: the engine looks for the member to adopt among the members it has seen
        host.await(Entry.SystemEvent.class, e -> e.member().equals(first.you()));
        roamer.drop();
        host.send("room", "while away");

        TestClient back = b.connect();
        ServerFrame.Joined again = TestClient.expect(ServerFrame.Joined.class, back.call(new ClientFrame.Join(
                back.nextRef(), "room", "Other", null, first.seq(), first.epoch(), first.resume())));
        assertThat(again.you()).isEqualTo(first.you());
        assertThat(again.recovered()).isTrue();
        assertThat(again.history()).extracting(e -> ((Entry.Message) e).text()).containsExactly("while away");
        // past a's grace period: a let the member go without a leave
        await().pollDelay(Duration.ofMillis(1_500)).atMost(Duration.ofSeconds(5)).until(() -> true);
        host.send("room", "barrier");
        back.await(Entry.Message.class, m -> m.text().equals("barrier"));
        assertThat(host.entries("room")).filteredOn(e -> e instanceof Entry.SystemEvent)
                .as("no leave and no second join").extracting(e -> ((Entry.SystemEvent) e).event())
                .containsExactly("join");
        assertThat(b.chat().room("room").orElseThrow().members()).isEqualTo(2);
        assertThat(RedisFixture.admin().smembers(fixture.prefix + "node:b:members")).hasSize(2);
        back.call(new ClientFrame.Leave(back.nextRef(), "room"));
        Entry.SystemEvent leave = host.await(Entry.SystemEvent.class, e -> e.event().equals("leave"));
        assertThat(leave.member()).isEqualTo(first.you());
    }

    @Test
    void join_withStaleEpochOnAnotherNode_isNotRecovered() {
        var a = fixture.engine("a");
        var b = fixture.engine("b");
        a.connect().create("room", "Host");
        TestClient c = b.connect();
        ServerFrame reply = c.call(new ClientFrame.Join(c.nextRef(), "room", "Late", null, 1L, "old-epoch", null));
        assertThat(TestClient.expect(ServerFrame.Joined.class, reply).recovered()).isFalse();
    }

    @Test
    void nodeCrash_itsMembersLeaveOnTheOtherNodesOnceEach() {
        var a = fixture.engine("a");
        var c = fixture.engine("c");
        TestClient watcher = a.connect();
        watcher.create("room", "Watcher");
        TestClient carol = c.connect();
        TestClient dave = c.connect();
        String carolId = carol.join("room", "Carol").you().id();
        String daveId = dave.join("room", "Dave").you().id();
        await().atMost(Duration.ofSeconds(5)).until(() -> latestCount(watcher) == 3);

        long crashedAt = System.nanoTime();
        c.node().crash();
        await().atMost(Duration.ofSeconds(10)).until(() -> latestCount(watcher) == 1);
        long tookMillis = (System.nanoTime() - crashedAt) / 1_000_000;
        assertThat(tookMillis).as("members of a dead node leave within node timeout + 2 heartbeats (+ slack)")
                .isLessThan(RedisFixture.NODE_TIMEOUT.plus(RedisFixture.HEARTBEAT.multipliedBy(2)).toMillis() + 3_000);

        // a few more reaper rounds: still one leave each
        long rounds = System.nanoTime();
        await().pollDelay(RedisFixture.HEARTBEAT.multipliedBy(4)).until(() -> System.nanoTime() - rounds > 0);
        List<String> leaves = watcher.entries("room").stream()
                .filter(e -> e instanceof Entry.SystemEvent s && s.event().equals(Entry.SystemEvent.LEAVE))
                .map(e -> ((Entry.SystemEvent) e).member().id()).toList();
        assertThat(leaves).containsExactlyInAnyOrder(carolId, daveId);
        assertThat(a.chat().room("room").orElseThrow().members()).isEqualTo(1);
        TestClient newcomer = a.connect();
        assertThat(newcomer.join("room", "Carol").count()).as("the dead member's name is free").isEqualTo(2);
    }

    @Test
    void nodeStall_overTheNodeTimeout_itsMembersLeaveOnceAndItsClientsAreToldToRejoin() {
        var a = fixture.engine("a");
        var c = fixture.engine("c");
        TestClient watcher = a.connect();
        watcher.create("room", "Watcher");
        TestClient carol = c.connect();
        String carolId = carol.join("room", "Carol").you().id();
        await().atMost(Duration.ofSeconds(5)).until(() -> latestCount(watcher) == 2);

        c.node().pauseHeartbeat(true);
        await().atMost(Duration.ofSeconds(10)).until(() -> latestCount(watcher) == 1);
        c.node().pauseHeartbeat(false);
        ServerFrame.Left left = carol.await(ServerFrame.Left.class, l -> l.room().equals("room"));
        assertThat(left.reason()).isEqualTo("timeout");
        assertThat(carol.join("room", "Carol").count()).as("the client rejoins").isEqualTo(2);
        await().atMost(Duration.ofSeconds(5)).until(() -> latestCount(watcher) == 2);
        List<String> leaves = watcher.entries("room").stream()
                .filter(e -> e instanceof Entry.SystemEvent s && s.event().equals(Entry.SystemEvent.LEAVE))
                .map(e -> ((Entry.SystemEvent) e).member().id()).toList();
        assertThat(leaves).containsExactly(carolId);
    }

    @Test
    void closeRoom_onOneNode_dropsMembersOnEveryNode() {
        var a = fixture.engine("a");
        var b = fixture.engine("b");
        a.connect().create("room", "Host");
        TestClient guest = b.connect();
        guest.join("room", "Guest");
        assertThat(a.chat().closeRoom("room").join()).isTrue();
        ServerFrame.Left left = guest.await(ServerFrame.Left.class, l -> l.room().equals("room"));
        assertThat(left.reason()).isEqualTo("room_closed");
        assertThat(b.chat().room("room")).isEmpty();
        TestClient again = b.connect();
        ServerFrame.Joined joined = again.create("room", "Host");
        assertThat(joined.seq()).as("a new room restarts its sequence").isEqualTo(1);
    }

    @Test
    void typing_onOneNode_reachesMembersOnTheOther() {
        var a = fixture.engine("a");
        var b = fixture.engine("b");
        TestClient alice = a.connect();
        alice.create("room", "Alice");
        TestClient bob = b.connect();
        bob.join("room", "Bob");
        alice.request(new ClientFrame.Typing(null, "room"));
        ServerFrame.TypingNotice notice = bob.await(ServerFrame.TypingNotice.class, t -> true);
        assertThat(notice.member().name()).isEqualTo("Alice");
    }
}
