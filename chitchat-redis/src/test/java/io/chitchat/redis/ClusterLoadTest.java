package io.chitchat.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.chitchat.protocol.ServerFrame;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A load check, not a benchmark: two nodes, 200 clients in 4 rooms (half of each room on each node), every client
 * sends 15 messages as fast as the driver can (throughput), then 5 more at a steady 500 messages a second in all
 * (latency). Every client must receive every entry of its room after its join, in seq order, with no gap.
 * Throughput and latency (entry ts to arrival at the client) are logged.
 */
@Tag("redis")
class ClusterLoadTest {
    private static final Logger LOG = LoggerFactory.getLogger(ClusterLoadTest.class);
    private static final int CLIENTS = 200;
    private static final int ROOMS = 4;
    private static final int MESSAGES_PER_CLIENT = 15;
    private static final int PACED_PER_CLIENT = 5;
    private static final int PACED_RATE = 500;

    private RedisFixture fixture;

    @BeforeEach
    void setUp() {
        fixture = new RedisFixture();
    }

    @AfterEach
    void tearDown() {
        fixture.close();
    }

    @Test
    void twoNodes_200Clients4Rooms_noLossNoReordering() {
        var nodes = List.of(fixture.engine("a"), fixture.engine("b"));
        long setupStarted = System.nanoTime();
        List<TestClient> clients = new ArrayList<>();
        Map<TestClient, ServerFrame.Joined> joins = new HashMap<>();
        Map<String, Integer> nodeOfMember = new HashMap<>();
        Map<TestClient, Integer> nodeOfClient = new HashMap<>();
        for (int i = 0; i < CLIENTS; i++) {
            int node = i % 2;
            String room = "load-" + (i / 2) % ROOMS;
            TestClient c = TestClient.connect(nodes.get(node).chat(), true);
            ServerFrame.Joined joined = i < 2 * ROOMS && node == 0 ? c.create(room, "user" + i)
                    : c.join(room, "user" + i);
            clients.add(c);
            joins.put(c, joined);
            nodeOfMember.put(joined.you().id(), node);
            nodeOfClient.put(c, node);
        }

        long setupMillis = (System.nanoTime() - setupStarted) / 1_000_000;

        // burst: every client sends at once, as fast as the driver can (throughput)
        long started = System.nanoTime();
        for (int m = 0; m < MESSAGES_PER_CLIENT; m++) {
            for (TestClient c : clients) {
                c.post(joins.get(c).room(), "message " + m);
            }
        }
        int burst = CLIENTS * MESSAGES_PER_CLIENT;
        await().atMost(Duration.ofSeconds(60)).until(() -> acks(clients) == burst);
        long burstNanos = System.nanoTime() - started;

        // paced: a steady rate well below capacity (latency)
        long pacedFrom = System.currentTimeMillis();
        long interval = 1_000_000_000L / PACED_RATE;
        long next = System.nanoTime();
        for (int m = 0; m < PACED_PER_CLIENT; m++) {
            for (TestClient c : clients) {
                next += interval;
                LockSupport.parkNanos(next - System.nanoTime());
                c.post(joins.get(c).room(), "paced " + m);
            }
        }
        int total = burst + CLIENTS * PACED_PER_CLIENT;
        await().atMost(Duration.ofSeconds(60)).until(() -> acks(clients) == total);
        Map<String, Long> finalSeq = new HashMap<>();
        for (int r = 0; r < ROOMS; r++) {
            finalSeq.put("load-" + r, nodes.get(0).node().history().lastSeq("load-" + r));
        }
        await().atMost(Duration.ofSeconds(60)).until(() -> clients.stream().allMatch(c -> {
            List<TestClient.Received> got = c.received();
            return !got.isEmpty() && got.get(got.size() - 1).seq() == finalSeq.get(joins.get(c).room());
        }));

        assertThat(clients.stream().mapToLong(c -> c.frames(ServerFrame.Error.class).size()).sum()).isZero();
        List<Long> crossNode = new ArrayList<>();
        List<Long> sameNode = new ArrayList<>();
        long deliveries = 0;
        for (TestClient c : clients) {
            ServerFrame.Joined joined = joins.get(c);
            List<TestClient.Received> got = c.received();
            long expected = joined.seq() + 1;
            for (TestClient.Received e : got) {
                assertThat(e.seq()).as("next seq for a client of %s", joined.room()).isEqualTo(expected++);
                if (e.message() && e.ts() >= pacedFrom) {
                    Integer from = nodeOfMember.get(e.fromId());
                    (from.equals(nodeOfClient.get(c)) ? sameNode : crossNode).add(e.arrivedAt() - e.ts());
                }
            }
            deliveries += got.size();
            assertThat(expected - 1).isEqualTo(finalSeq.get(joined.room()));
        }
        for (TestClient creator : clients.subList(0, 2 * ROOMS)) {
            if (joins.get(creator).seq() == 1) {
                assertThat(creator.received().stream().filter(TestClient.Received::message).count())
                        .as("messages of %s seen by its creator", joins.get(creator).room())
                        .isEqualTo(CLIENTS / ROOMS * (MESSAGES_PER_CLIENT + PACED_PER_CLIENT));
            }
        }

        double seconds = burstNanos / 1e9;
        LOG.info("Load: {} clients joined {} rooms on 2 nodes in {} ms", CLIENTS, ROOMS, setupMillis);
        LOG.info("Load: burst of {} messages sequenced (all acked) in {} s: {} messages/s; {} deliveries in all",
                burst, String.format("%.2f", seconds), Math.round(burst / seconds), deliveries);
        LOG.info("Load: paced {} messages/s, latency ms (entry ts to arrival) cross-node p50={} p99={} max={}; "
                + "same-node p50={} p99={} max={}", PACED_RATE,
                percentile(crossNode, 50), percentile(crossNode, 99), percentile(crossNode, 100),
                percentile(sameNode, 50), percentile(sameNode, 99), percentile(sameNode, 100));
    }

    private static int acks(List<TestClient> clients) {
        return clients.stream().mapToInt(c -> c.frames(ServerFrame.Ack.class).size()).sum();
    }

    private static long percentile(List<Long> values, int p) {
        List<Long> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        if (sorted.isEmpty()) {
            return -1;
        }
        int index = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(index, sorted.size() - 1)));
    }
}
