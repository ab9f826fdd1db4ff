package io.chitchat.redis;

import static org.assertj.core.api.Assertions.assertThat;

import io.chitchat.protocol.Member;
import io.chitchat.spi.RoomRecord;
import io.chitchat.spi.RoomRegistry;
import io.chitchat.testkit.RoomRegistryContractTest;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The registry contract, and what a cluster adds: two nodes see one state, and members belong to a node. */
@Tag("redis")
class RedisRoomRegistryTest extends RoomRegistryContractTest {
    private RedisFixture fixture;
    private RedisRoomRegistry a;
    private RedisRoomRegistry b;

    @BeforeEach
    void setUp() {
        fixture = new RedisFixture();
        a = fixture.node("a").registry();
        b = fixture.node("b").registry();
    }

    @AfterEach
    void tearDown() {
        fixture.close();
    }

    @Override
    protected RoomRegistry newRegistry() {
        return a;
    }

    private static RoomRecord record(String id) {
        return new RoomRecord(id, null, 1_700_000_000_000L, false, "epoch-" + id);
    }

    @Test
    void create_concurrentlyOnTwoNodes_exactlyOneSucceeds() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            for (int i = 0; i < 20; i++) {
                String id = "race-" + i;
                Future<Boolean> fa = pool.submit(() -> a.create(new RoomRecord(id, null, 1, false, "a")));
                Future<Boolean> fb = pool.submit(() -> b.create(new RoomRecord(id, null, 1, false, "b")));
                assertThat(fa.get() ^ fb.get()).as("exactly one creation of %s succeeds", id).isTrue();
                assertThat(b.find(id).orElseThrow().epoch()).isEqualTo(fa.get() ? "a" : "b");
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(a.roomCount()).isEqualTo(20);
    }

    @Test
    void addMember_sameNameOnTwoNodesAtOnce_exactlyOneSucceeds() throws Exception {
        a.create(record("r"));
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            for (int i = 0; i < 20; i++) {
                String name = "Name" + i;
                int n = i;
                Future<Boolean> fa = pool.submit(() -> a.addMember("r", new Member("a" + n, name)));
                Future<Boolean> fb = pool.submit(() -> b.addMember("r", new Member("b" + n, name.toUpperCase())));
                assertThat(fa.get() ^ fb.get()).as("exactly one %s", name).isTrue();
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(b.members("r")).hasSize(20);
    }

    @Test
    void members_joinsOnTwoNodes_inJoinOrder() {
        a.create(record("r"));
        for (int i = 0; i < 8; i++) {
            (i % 2 == 0 ? a : b).addMember("r", new Member("m" + i, "name" + i));
        }
        a.removeMember("r", "m2");
        assertThat(b.members("r")).extracting(Member::id).containsExactly("m0", "m1", "m3", "m4", "m5", "m6", "m7");
    }

    @Test
    void addMember_recordsTheOwningNode_andOnlyTheOwnerRemoves() {
        a.create(record("r"));
        a.addMember("r", new Member("m1", "Alice"));
        b.addMember("r", new Member("m2", "Bob"));
        var redis = RedisFixture.admin();
        assertThat(redis.smembers(fixture.prefix + "node:a:members")).containsExactly("r\tm1");
        assertThat(redis.smembers(fixture.prefix + "node:b:members")).containsExactly("r\tm2");
        assertThat(b.removeMember("r", "m1")).as("another node's member").isFalse();
        assertThat(a.members("r")).hasSize(2);
        a.remove("r");
        assertThat(redis.smembers(fixture.prefix + "node:a:members")).isEmpty();
        assertThat(redis.smembers(fixture.prefix + "node:b:members")).isEmpty();
    }

    @Test
    void removeMember_neverAnnounced_leavesNothingBehind() {
        a.create(record("r"));
        a.addMember("r", new Member("m1", "Alice"));
        assertThat(a.removeMember("r", "m1")).isTrue();
        var redis = RedisFixture.admin();
        assertThat(redis.hlen(fixture.prefix + "room:r:leaving")).isZero();
        assertThat(redis.smembers(fixture.prefix + "node:a:members")).isEmpty();
    }

    @Test
    void adoptMember_presentElsewhere_movesItToThisNode() {
        a.create(record("r"));
        Member alice = new Member("m1", "Alice");
        a.addMember("r", alice);
        assertThat(b.adoptMember("r", alice)).isTrue();
        var redis = RedisFixture.admin();
        assertThat(redis.smembers(fixture.prefix + "node:a:members")).isEmpty();
        assertThat(redis.smembers(fixture.prefix + "node:b:members")).containsExactly("r\tm1");
        assertThat(a.members("r")).containsExactly(alice);
        assertThat(a.removeMember("r", "m1")).as("no longer a's").isFalse();
        assertThat(b.removeMember("r", "m1")).isTrue();
        assertThat(b.adoptMember("r", alice)).as("gone").isFalse();
    }

    @Test
    void create_overLeftoversOfAnEarlierRoom_startsClean() {
        var redis = RedisFixture.admin();
        redis.set(fixture.prefix + "room:r:seq", "7");
        redis.rpush(fixture.prefix + "room:r:log", "{}");
        redis.hset(fixture.prefix + "room:r:names", "alice", "ghost");
        assertThat(a.create(record("r"))).isTrue();
        assertThat(redis.exists(fixture.prefix + "room:r:seq", fixture.prefix + "room:r:log")).isZero();
        assertThat(b.addMember("r", new Member("m1", "Alice"))).isTrue();
    }
}
