package io.chitchat.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import io.chitchat.protocol.Member;
import io.chitchat.spi.RoomRecord;
import io.chitchat.spi.RoomRegistry;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The contract of {@link RoomRegistry}. An implementation's test extends this class. */
public abstract class RoomRegistryContractTest {
    private static final AtomicInteger IDS = new AtomicInteger();

    /** A fresh, empty registry. */
    protected abstract RoomRegistry newRegistry();

    protected static String roomId() {
        return "r" + IDS.incrementAndGet() + "-" + Long.toString(System.nanoTime(), 36);
    }

    private static RoomRecord record(String id, String hash) {
        return new RoomRecord(id, hash, 1234L, false, "epoch-" + id);
    }

    @Test
    void create_thenFind_recordRoundTrips() {
        RoomRegistry reg = newRegistry();
        String id = roomId();
        RoomRecord r = new RoomRecord(id, "pbkdf2-sha256$1000$c2FsdA$aGFzaA", 42L, true, "e1");
        assertThat(reg.create(r)).isTrue();
        assertThat(reg.find(id)).contains(r);
        assertThat(reg.roomIds()).contains(id);
        assertThat(reg.roomCount()).isGreaterThanOrEqualTo(1);
    }

    @Test
    void create_existing_false() {
        RoomRegistry reg = newRegistry();
        String id = roomId();
        assertThat(reg.create(record(id, null))).isTrue();
        assertThat(reg.create(record(id, "other"))).isFalse();
        assertThat(reg.find(id).orElseThrow().passwordHash()).isNull();
    }

    @Test
    void create_race_exactlyOneWins() throws Exception {
        RoomRegistry reg = newRegistry();
        String id = roomId();
        int n = 8;
        ExecutorService pool = Executors.newFixedThreadPool(n);
        CountDownLatch go = new CountDownLatch(1);
        try {
            @SuppressWarnings("unchecked")
            Future<Boolean>[] results = new Future[n];
            for (int i = 0; i < n; i++) {
                results[i] = pool.submit(() -> {
                    go.await();
                    return reg.create(record(id, null));
                });
            }
            go.countDown();
            int wins = 0;
            for (Future<Boolean> f : results) {
                wins += f.get(30, TimeUnit.SECONDS) ? 1 : 0;
            }
            assertThat(wins).isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void remove_forgetsRoomAndMembers() {
        RoomRegistry reg = newRegistry();
        String id = roomId();
        reg.create(record(id, null));
        reg.addMember(id, new Member("m1", "Alice"));
        reg.remove(id);
        assertThat(reg.find(id)).isEmpty();
        assertThat(reg.members(id)).isEmpty();
        assertThat(reg.create(record(id, null))).isTrue();
        assertThat(reg.members(id)).isEmpty();
    }

    @Test
    void addMember_nameUniqueIgnoringCase() {
        RoomRegistry reg = newRegistry();
        String id = roomId();
        reg.create(record(id, null));
        assertThat(reg.addMember(id, new Member("m1", "Alice"))).isTrue();
        assertThat(reg.addMember(id, new Member("m2", "ALICE"))).isFalse();
        assertThat(reg.addMember(id, new Member("m3", "Bob"))).isTrue();
        assertThat(reg.members(id)).extracting(Member::name).containsExactly("Alice", "Bob");
        assertThat(reg.removeMember(id, "m1")).isTrue();
        assertThat(reg.removeMember(id, "m1")).isFalse();
        assertThat(reg.addMember(id, new Member("m4", "alice"))).isTrue();
    }

    @Test
    void addMember_sameNameRace_exactlyOneWins() throws Exception {
        RoomRegistry reg = newRegistry();
        String id = roomId();
        reg.create(record(id, null));
        int n = 8;
        ExecutorService pool = Executors.newFixedThreadPool(n);
        CountDownLatch go = new CountDownLatch(1);
        try {
            @SuppressWarnings("unchecked")
            Future<Boolean>[] results = new Future[n];
            for (int i = 0; i < n; i++) {
                String mid = "m" + i;
                results[i] = pool.submit(() -> {
                    go.await();
                    return reg.addMember(id, new Member(mid, "Same"));
                });
            }
            go.countDown();
            int wins = 0;
            for (Future<Boolean> f : results) {
                wins += f.get(30, TimeUnit.SECONDS) ? 1 : 0;
            }
            assertThat(wins).isEqualTo(1);
            assertThat(reg.members(id)).hasSize(1);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void addMember_unknownRoom_false() {
        assertThat(newRegistry().addMember(roomId(), new Member("m", "A"))).isFalse();
    }
}
