package io.chitchat.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.chitchat.protocol.ClientFrame;
import io.chitchat.protocol.Entry;
import io.chitchat.protocol.ErrorCode;
import io.chitchat.protocol.ServerFrame;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Redis goes away and comes back, with and without its data; the nodes keep their clients throughout. */
@Tag("redis")
class RedisOutageTest {
    private static final Duration BACK = Duration.ofSeconds(20);

    private RedisFixture fixture;
    private RedisServerProcess redis;

    @BeforeEach
    void setUp() {
        fixture = new RedisFixture();
    }

    @AfterEach
    void tearDown() throws Exception {
        fixture.close();
        if (redis != null) {
            redis.close();
        }
    }

    @Test
    void redisRestartWithItsData_nodesDegradeKeepClientsAndResumeWithoutGaps() throws Exception {
        redis = new RedisServerProcess(true).start();
        Outage o = new Outage();
        o.before();
        redis.kill();
        o.during();
        redis.start();
        o.after();
        assertThat(o.bobSeqs()).as("no gap, nothing sequenced during the outage").isEqualTo(o.contiguous());
    }

    @Test
    void redisRestartWithoutItsData_nodesRestoreRoomsAndMembersAndContinueTheSequence() throws Exception {
        redis = new RedisServerProcess(false).start();
        Outage o = new Outage();
        o.before();
        redis.kill();
        o.during();
        redis.start();
        o.after();
        assertThat(o.bobSeqs()).as("the sequence continues where it was").isEqualTo(o.contiguous());
        TestClient late = o.b.connect();
        ServerFrame reply = late.call(new ClientFrame.Join(late.nextRef(), "room", "alice", null, null, null, null));
        assertThat(((ServerFrame.Error) reply).code()).as("restored members keep their names")
                .isEqualTo(ErrorCode.NAME_TAKEN);
        ServerFrame.Joined joined = late.join("room", "Late");
        assertThat(joined.members()).extracting(m -> m.name()).containsExactly("Alice", "Bob", "Late");
    }

    /** Two nodes, Alice on one and Bob on the other, through an outage. */
    private final class Outage {
        final RedisFixture.Engine a = fixture.engine(fixture.options(redis.uri(), "a"), b -> { });
        final RedisFixture.Engine b = fixture.engine(fixture.options(redis.uri(), "b"), b -> { });
        final TestClient alice = a.connect();
        final TestClient bob = b.connect();
        ServerFrame.Joined bobJoined;

        void before() {
            alice.create("room", "Alice");
            bobJoined = bob.join("room", "Bob");
            alice.send("room", "before");
            bob.await(Entry.Message.class, m -> m.text().equals("before"));
        }

        void during() {
            await().atMost(Duration.ofSeconds(10)).until(() -> a.node().health() == RedisNode.Health.DEGRADED
                    && b.node().health() == RedisNode.Health.DEGRADED);
            ServerFrame refused = alice.call(new ClientFrame.Send(alice.nextRef(), "room", "during", "c1"));
            assertThat(refused).isInstanceOfSatisfying(ServerFrame.Error.class,
                    e -> assertThat(e.code()).isEqualTo(ErrorCode.INTERNAL));
            assertThat(alice.isClosed() || bob.isClosed()).as("clients keep their connections").isFalse();
        }

        void after() {
            await().atMost(BACK).until(() -> a.node().health() == RedisNode.Health.CONNECTED
                    && b.node().health() == RedisNode.Health.CONNECTED);
            assertThat(alice.send("room", "after").seq()).isGreaterThan(0);
            bob.await(Entry.Message.class, m -> m.text().equals("after"));
            assertThat(bob.send("room", "reply").seq()).isGreaterThan(0);
            alice.await(Entry.Message.class, m -> m.text().equals("reply"));
            assertThat(alice.isClosed() || bob.isClosed()).isFalse();
        }

        List<Long> bobSeqs() {
            List<Long> out = new ArrayList<>(bobJoined.history().stream().map(Entry::seq).toList());
            bob.entries("room").forEach(e -> out.add(e.seq()));
            return out;
        }

        List<Long> contiguous() {
            List<Long> seqs = bobSeqs();
            List<Long> out = new ArrayList<>();
            for (long s = 1; s <= seqs.get(seqs.size() - 1); s++) {
                out.add(s);
            }
            return out;
        }
    }
}
