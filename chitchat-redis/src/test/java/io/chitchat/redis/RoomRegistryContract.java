package io.chitchat.redis;

import static org.assertj.core.api.Assertions.assertThat;

import io.chitchat.protocol.Member;
import io.chitchat.spi.RoomRecord;
import io.chitchat.spi.RoomRegistry;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * What every {@link RoomRegistry} must do. {@link #peer()} is a second view of the same rooms (another node, for a
 * clustered registry) so that atomicity is checked across views.
 */
abstract class RoomRegistryContract {

    protected abstract RoomRegistry registry();

    /** Another view of the same state; the same registry for a single-node implementation. */
    protected RoomRegistry peer() {
        return registry();
    }

    static RoomRecord record(String id) {
        return new RoomRecord(id, null, 1_700_000_000_000L, false, "epoch-" + id);
    }

    @Test
    void create_newId_isFoundWithEveryField() {
        RoomRecord protectedRoom = new RoomRecord("vault", "pbkdf2-sha256$1000$c2FsdA$aGFzaA", 123L, true, "e1");
        assertThat(registry().create(protectedRoom)).isTrue();
        assertThat(peer().find("vault")).contains(protectedRoom);
        assertThat(registry().create(record("open"))).isTrue();
        assertThat(peer().find("open")).contains(record("open"));
        assertThat(peer().find("open").orElseThrow().isProtected()).isFalse();
    }

    @Test
    void create_existingId_isRefused() {
        assertThat(registry().create(record("room"))).isTrue();
        assertThat(peer().create(new RoomRecord("room", null, 1, false, "other-epoch"))).isFalse();
        assertThat(registry().find("room").orElseThrow().epoch()).isEqualTo("epoch-room");
    }

    @Test
    void create_concurrentlyOnTwoViews_exactlyOneSucceeds() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            for (int i = 0; i < 20; i++) {
                String id = "race-" + i;
                Callable<Boolean> a = () -> registry().create(new RoomRecord(id, null, 1, false, "a"));
                Callable<Boolean> b = () -> peer().create(new RoomRecord(id, null, 1, false, "b"));
                Future<Boolean> fa = pool.submit(a);
                Future<Boolean> fb = pool.submit(b);
                assertThat(fa.get() ^ fb.get()).as("exactly one creation of %s succeeds", id).isTrue();
                assertThat(registry().find(id).orElseThrow().epoch()).isEqualTo(fa.get() ? "a" : "b");
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void find_unknownRoom_isEmpty() {
        assertThat(registry().find("nope")).isEmpty();
    }

    @Test
    void roomIdsAndCount_afterCreatesAndRemove_matchTheRooms() {
        registry().create(record("a"));
        registry().create(record("b"));
        peer().create(record("c"));
        registry().remove("b");
        assertThat(peer().roomIds()).containsExactlyInAnyOrder("a", "c");
        assertThat(peer().roomCount()).isEqualTo(2);
    }

    @Test
    void remove_roomWithMembers_forgetsRoomAndMembers() {
        registry().create(record("r"));
        registry().addMember("r", new Member("m1", "Alice"));
        registry().remove("r");
        assertThat(peer().find("r")).isEmpty();
        assertThat(peer().members("r")).isEmpty();
        assertThat(peer().create(record("r"))).isTrue();
        assertThat(peer().addMember("r", new Member("m2", "alice"))).isTrue();
    }

    @Test
    void addMember_nameTakenInAnotherCase_isRefused() {
        registry().create(record("r"));
        assertThat(registry().addMember("r", new Member("m1", "Alice"))).isTrue();
        assertThat(peer().addMember("r", new Member("m2", "ALICE"))).isFalse();
        assertThat(peer().addMember("r", new Member("m3", "Bob"))).isTrue();
        assertThat(registry().members("r")).extracting(Member::id).containsExactly("m1", "m3");
    }

    @Test
    void addMember_unknownRoom_isRefused() {
        assertThat(registry().addMember("ghost", new Member("m1", "Alice"))).isFalse();
        assertThat(registry().members("ghost")).isEmpty();
    }

    @Test
    void addMember_sameNameInAnotherRoom_isAccepted() {
        registry().create(record("r1"));
        registry().create(record("r2"));
        assertThat(registry().addMember("r1", new Member("m1", "Alice"))).isTrue();
        assertThat(peer().addMember("r2", new Member("m2", "Alice"))).isTrue();
    }

    @Test
    void removeMember_present_freesTheName() {
        registry().create(record("r"));
        registry().addMember("r", new Member("m1", "Alice"));
        assertThat(peer().removeMember("r", "m1")).isTrue();
        assertThat(registry().removeMember("r", "m1")).isFalse();
        assertThat(registry().members("r")).isEmpty();
        assertThat(peer().addMember("r", new Member("m2", "alice"))).isTrue();
    }

    @Test
    void members_manyJoins_inJoinOrder() {
        registry().create(record("r"));
        for (int i = 0; i < 12; i++) {
            RoomRegistry view = i % 2 == 0 ? registry() : peer();
            view.addMember("r", new Member("m" + i, "name" + i));
        }
        registry().removeMember("r", "m3");
        assertThat(peer().members("r")).extracting(Member::id)
                .containsExactly("m0", "m1", "m2", "m4", "m5", "m6", "m7", "m8", "m9", "m10", "m11");
    }

    @Test
    void addMember_concurrentlySameName_exactlyOneSucceeds() throws Exception {
        registry().create(record("r"));
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            for (int i = 0; i < 20; i++) {
                String name = "Name" + i;
                int n = i;
                Future<Boolean> a = pool.submit(() -> registry().addMember("r", new Member("a" + n, name)));
                Future<Boolean> b = pool.submit(() -> peer().addMember("r", new Member("b" + n, name.toUpperCase())));
                assertThat(a.get() ^ b.get()).as("exactly one %s", name).isTrue();
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(registry().members("r")).hasSize(20);
    }
}
