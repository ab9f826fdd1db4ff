package io.chitchat.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.chitchat.protocol.Entry;
import io.chitchat.protocol.Member;
import io.chitchat.spi.RoomRecord;
import io.lettuce.core.KillArgs;
import java.time.Duration;
import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("redis")
class RedisBrokerTest {
    private static final Member ALICE = new Member("m-alice", "Alice");
    private static final Member BOB = new Member("m-bob", "Bob");

    private RedisFixture fixture;
    private ClusterNode a;
    private ClusterNode b;
    private final RecordingListener onA = new RecordingListener();
    private final RecordingListener onB = new RecordingListener();

    @BeforeEach
    void setUp() {
        fixture = new RedisFixture();
        a = fixture.node("a");
        b = fixture.node("b");
        a.broker().start(onA);
        b.broker().start(onB);
        a.registry().create(new RoomRecord("r", null, 1, false, "e1"));
    }

    @AfterEach
    void tearDown() {
        fixture.close();
    }

    private static Entry message(Member from, String text) {
        return new Entry.Message("r", 0, System.currentTimeMillis(), from, text, null);
    }

    private static List<Long> oneTo(int n) {
        return LongStream.rangeClosed(1, n).boxed().toList();
    }

    @Test
    void sequence_fromTwoNodes_everyNodeReceivesAllInSeqOrder() {
        for (int i = 0; i < 50; i++) {
            assertThat(a.broker().sequence("r", message(ALICE, "a" + i)).seq()).isEqualTo(2L * i + 1);
            assertThat(b.broker().sequence("r", message(BOB, "b" + i)).seq()).isEqualTo(2L * i + 2);
        }
        await().atMost(Duration.ofSeconds(5)).until(() -> onA.seqs("r").size() == 100 && onB.seqs("r").size() == 100);
        assertThat(onA.seqs("r")).isEqualTo(oneTo(100));
        assertThat(onB.seqs("r")).isEqualTo(oneTo(100));
        assertThat(onB.entries()).isEqualTo(onA.entries());
        assertThat(a.history().after("r", 0, 1_000)).isEqualTo(onB.entries());
    }

    @Test
    void typing_reachesOtherNodesOnly() {
        a.broker().typing("r", ALICE);
        await().atMost(Duration.ofSeconds(5)).until(() -> onB.typing().contains("r:Alice"));
        b.broker().sequence("r", message(BOB, "barrier"));
        await().atMost(Duration.ofSeconds(5)).until(() -> onA.seqs("r").size() == 1);
        assertThat(onA.typing()).isEmpty();
    }

    @Test
    void roomRemoved_reachesOtherNodesOnly() {
        a.broker().roomRemoved("r", "room_closed");
        await().atMost(Duration.ofSeconds(5)).until(() -> onB.removed().contains("r:room_closed"));
        b.broker().sequence("r", message(BOB, "barrier"));
        await().atMost(Duration.ofSeconds(5)).until(() -> onA.seqs("r").size() == 1);
        assertThat(onA.removed()).isEmpty();
    }

    private static Entry join(Member m) {
        return new Entry.SystemEvent("r", 0, 1, Entry.SystemEvent.JOIN, m);
    }

    private static Entry leave(Member m) {
        return new Entry.SystemEvent("r", 0, 1, Entry.SystemEvent.LEAVE, m);
    }

    /** Adds a member on a node and announces its join, as the engine does. */
    private static void enter(ClusterNode node, Member m) {
        assertThat(node.registry().addMember("r", m)).isTrue();
        node.broker().sequence("r", join(m));
    }

    @Test
    void sequenceLeave_ownMember_removesAndSequencesOnce() {
        enter(a, ALICE);
        assertThat(a.registry().removeMember("r", ALICE.id())).isTrue();
        assertThat(a.broker().sequence("r", leave(ALICE)).seq()).isEqualTo(2);
        assertThat(RedisFixture.admin().hlen(fixture.prefix + "room:r:leaving")).isZero();
        assertThat(RedisFixture.admin().smembers(fixture.prefix + "node:a:members")).isEmpty();
    }

    @Test
    void sequenceLeave_memberReapedWhileItsNodeStalled_isNotSequencedAgain() {
        ClusterNode c = fixture.node("c");
        c.broker().start(new RecordingListener());
        enter(c, new Member("m1", "Carol"));
        c.pauseHeartbeat(true);
        await().atMost(Duration.ofSeconds(10)).until(() -> onB.seqs("r").size() == 2);
        assertThat(c.registry().removeMember("r", "m1")).isFalse();
        assertThat(c.broker().sequence("r", leave(new Member("m1", "Carol"))).seq()).isZero();
        assertThat(a.history().lastSeq("r")).isEqualTo(2);
    }

    @Test
    void sequenceLeave_memberAdoptedByAnotherNode_onlyTheAdopterSequencesIt() {
        enter(a, ALICE);
        assertThat(b.registry().adoptMember("r", ALICE)).isTrue();
        // suppose a missed b's adoption signal, and its grace timer removes the member: nothing happens
        assertThat(a.registry().removeMember("r", ALICE.id())).isFalse();
        assertThat(a.broker().sequence("r", leave(ALICE)).seq()).isZero();
        assertThat(b.registry().removeMember("r", ALICE.id())).isTrue();
        assertThat(b.broker().sequence("r", leave(ALICE)).seq()).isEqualTo(2);
    }

    @Test
    void memberAdopted_reachesTheOtherNodesOnly() {
        enter(a, ALICE);
        b.registry().adoptMember("r", ALICE);
        b.broker().memberAdopted("r", ALICE.id());
        await().atMost(Duration.ofSeconds(5)).until(() -> a.local().members("r").isEmpty());
        assertThat(b.local().members("r")).containsExactly(ALICE);
    }

    @Test
    void reaper_deadNode_removesItsMembersWithOneLeaveEach() {
        ClusterNode c = fixture.node("c");
        c.broker().start(new RecordingListener());
        c.registry().addMember("r", new Member("m1", "Carol"));
        c.registry().addMember("r", new Member("m2", "Dave"));
        a.registry().addMember("r", ALICE);
        c.crash();

        await().atMost(Duration.ofSeconds(10)).until(() -> onB.seqs("r").size() == 2);
        assertThat(a.registry().members("r")).containsExactly(ALICE);
        List<String> left = onB.entries().stream()
                .map(e -> ((Entry.SystemEvent) e).event() + ":" + ((Entry.SystemEvent) e).member().name()).toList();
        assertThat(left).containsExactlyInAnyOrder("leave:Carol", "leave:Dave");
        await().atMost(Duration.ofSeconds(5)).until(() -> !RedisFixture.admin().sismember(fixture.prefix + "nodes", "c"));
        b.broker().sequence("r", message(BOB, "barrier"));
        await().atMost(Duration.ofSeconds(5)).until(() -> onA.seqs("r").size() == 3);
        assertThat(onA.seqs("r")).isEqualTo(oneTo(3));
    }

    @Test
    void reaper_roomEmptiedByADeadNode_isRemovedAfterTheEmptyRoomTtl() {
        try (RedisFixture cluster = new RedisFixture()) {
            RecordingListener onX = new RecordingListener();
            ClusterNode x = cluster.node(cluster.options("x").withEmptyRoomTtl(Duration.ofSeconds(1)));
            x.broker().start(onX);
            ClusterNode c = cluster.node(cluster.options("c").withEmptyRoomTtl(Duration.ofSeconds(1)));
            c.broker().start(new RecordingListener());
            x.registry().create(new RoomRecord("kept", null, 1, true, "e"));
            c.registry().create(new RoomRecord("gone", null, 1, false, "e"));
            c.registry().addMember("gone", new Member("m1", "Carol"));
            c.crash();
            await().atMost(Duration.ofSeconds(15)).until(() -> onX.removed().contains("gone:expired"));
            assertThat(onX.seqs("gone")).hasSize(1);
            assertThat(x.registry().find("gone")).isEmpty();
            assertThat(x.registry().roomIds()).containsExactly("kept");
            assertThat(cluster.keys()).allMatch(k -> !k.contains("room:gone"), "no keys of room gone");
        }
    }

    @Test
    void reaper_roomCreatedWithoutMembers_isRemovedWhenNoNodeExpiresIt() {
        RecordingListener onX = new RecordingListener();
        ClusterNode x = fixture.node(fixture.options("x").withEmptyRoomTtl(Duration.ofSeconds(1)));
        x.broker().start(onX);
        x.registry().create(new RoomRecord("lonely", null, 1, false, "e"));
        x.registry().create(new RoomRecord("busy", null, 1, false, "e"));
        x.registry().addMember("busy", ALICE);
        await().atMost(Duration.ofSeconds(15)).until(() -> onX.removed().contains("lonely:expired"));
        assertThat(x.registry().find("busy")).isPresent();
        await().pollDelay(Duration.ofSeconds(1)).until(() -> true);
        assertThat(x.registry().find("busy")).as("a room with members is kept").isPresent();
    }

    @Test
    void removeMember_leaveNeverSequenced_isSequencedLaterOnce() {
        RecordingListener onX = new RecordingListener();
        ClusterNode x = fixture.node(fixture.options("x").withCommandTimeout(Duration.ofMillis(300)));
        x.broker().start(onX);
        enter(x, ALICE);
        assertThat(x.registry().removeMember("r", ALICE.id())).isTrue();
        // the engine would now sequence the leave; suppose Redis failed just then
        await().atMost(Duration.ofSeconds(10)).until(() -> onB.seqs("r").size() == 2);
        Entry leave = onB.entries().get(1);
        assertThat(leave).isInstanceOfSatisfying(Entry.SystemEvent.class, s -> {
            assertThat(s.event()).isEqualTo(Entry.SystemEvent.LEAVE);
            assertThat(s.member()).isEqualTo(ALICE);
        });
        assertThat(RedisFixture.admin().hlen(fixture.prefix + "room:r:leaving")).isZero();
    }

    @Test
    void close_nodeWithMembers_emitsTheirLeavesAtOnce() {
        ClusterNode c = fixture.node("c");
        c.broker().start(new RecordingListener());
        c.registry().addMember("r", new Member("m1", "Carol"));
        c.close();
        assertThat(onB.entries()).hasSizeLessThanOrEqualTo(1);
        await().atMost(Duration.ofSeconds(2)).until(() -> onB.seqs("r").size() == 1);
        assertThat(a.registry().members("r")).isEmpty();
        assertThat(RedisFixture.admin().sismember(fixture.prefix + "nodes", "c")).isFalse();
    }

    @Test
    void busConnectionKilled_resubscribesAndResyncs() {
        killConnections(b, true);
        await().atMost(Duration.ofSeconds(10)).until(() -> onB.resyncs.get() == 1);
        assertThat(b.health()).isEqualTo(RedisNode.Health.CONNECTED);
        a.broker().sequence("r", message(ALICE, "after"));
        await().atMost(Duration.ofSeconds(5)).until(() -> onB.seqs("r").equals(List.of(1L)));
        assertThat(onA.resyncs.get()).isZero();
    }

    /** Kills a node's connections on the Redis side (only the subscription, or all of them). */
    private static void killConnections(ClusterNode node, boolean subscriptionOnly) {
        var admin = RedisFixture.admin();
        String name = "name=" + ClusterNode.clientName(node.options) + " ";
        for (String line : admin.clientList().split("\n")) {
            if (line.contains(name) && (!subscriptionOnly || line.contains(" sub=1 "))) {
                String id = line.substring(line.indexOf("id=") + 3, line.indexOf(' ', line.indexOf("id=")));
                admin.clientKill(KillArgs.Builder.id(Long.parseLong(id)));
            }
        }
    }
}
