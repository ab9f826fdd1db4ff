package io.chitchat.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import io.chitchat.protocol.Entry;
import io.chitchat.protocol.Member;
import io.chitchat.spi.HistoryStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The contract of {@link HistoryStore}. An implementation's test extends this class and returns a fresh, empty
 * store retaining {@code retain} entries per room.
 */
public abstract class HistoryStoreContractTest {
    private static final AtomicInteger ROOMS = new AtomicInteger();

    protected abstract HistoryStore newStore(int retain);

    /** A room id not used by any other test (stores may be shared). */
    protected static String room() {
        return "room-" + ROOMS.incrementAndGet() + "-" + System.nanoTime();
    }

    protected static Entry message(String room, String text) {
        return new Entry.Message(room, 0, 1_000L, new Member("m1", "Alice"), text, null);
    }

    @Test
    void append_firstEntries_sequencedFromOne() {
        HistoryStore store = newStore(10);
        String room = room();
        assertThat(store.lastSeq(room)).isZero();
        assertThat(store.firstSeq(room)).isEqualTo(1);
        assertThat(store.append(room, message(room, "a")).seq()).isEqualTo(1);
        assertThat(store.append(room, message(room, "b")).seq()).isEqualTo(2);
        assertThat(store.lastSeq(room)).isEqualTo(2);
        assertThat(store.firstSeq(room)).isEqualTo(1);
    }

    @Test
    void append_keepsEntryContent() {
        HistoryStore store = newStore(10);
        String room = room();
        Entry sys = new Entry.SystemEvent(room, 0, 5L, "join", new Member("x", "Xena"));
        store.append(room, sys);
        store.append(room, new Entry.Message(room, 0, 7L, new Member("x", "Xena"), "hé \"quoted\"\n", "cid-1"));
        List<Entry> all = store.after(room, 0, 10);
        assertThat(all).containsExactly(sys.withSeq(1),
                new Entry.Message(room, 2, 7L, new Member("x", "Xena"), "hé \"quoted\"\n", "cid-1"));
    }

    @Test
    void append_overRetention_dropsOldest() {
        HistoryStore store = newStore(3);
        String room = room();
        for (int i = 0; i < 5; i++) {
            store.append(room, message(room, "m" + i));
        }
        assertThat(store.firstSeq(room)).isEqualTo(3);
        assertThat(store.lastSeq(room)).isEqualTo(5);
        assertThat(store.after(room, 0, 100)).extracting(Entry::seq).containsExactly(3L, 4L, 5L);
    }

    @Test
    void afterAndBefore_pages() {
        HistoryStore store = newStore(100);
        String room = room();
        for (int i = 0; i < 10; i++) {
            store.append(room, message(room, "m" + i));
        }
        assertThat(store.after(room, 4, 3)).extracting(Entry::seq).containsExactly(5L, 6L, 7L);
        assertThat(store.after(room, 10, 3)).isEmpty();
        assertThat(store.before(room, Long.MAX_VALUE, 3)).extracting(Entry::seq).containsExactly(8L, 9L, 10L);
        assertThat(store.before(room, 4, 10)).extracting(Entry::seq).containsExactly(1L, 2L, 3L);
        assertThat(store.before(room, 1, 10)).isEmpty();
    }

    @Test
    void clear_restartsSequence() {
        HistoryStore store = newStore(10);
        String room = room();
        store.append(room, message(room, "a"));
        store.clear(room);
        assertThat(store.lastSeq(room)).isZero();
        assertThat(store.after(room, 0, 10)).isEmpty();
        assertThat(store.append(room, message(room, "b")).seq()).isEqualTo(1);
    }

    @Test
    void rooms_independent() {
        HistoryStore store = newStore(10);
        String a = room();
        String b = room();
        store.append(a, message(a, "a"));
        assertThat(store.append(b, message(b, "b")).seq()).isEqualTo(1);
        assertThat(store.after(a, 0, 10)).hasSize(1);
    }

    @Test
    void append_concurrently_everySeqOnceWithoutGaps() throws Exception {
        HistoryStore store = newStore(10_000);
        String room = room();
        int threads = 4;
        int each = 250;
        Set<Long> seqs = ConcurrentHashMap.newKeySet();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            for (int t = 0; t < threads; t++) {
                pool.execute(() -> {
                    for (int i = 0; i < each; i++) {
                        seqs.add(store.append(room, message(room, "x")).seq());
                    }
                });
            }
        } finally {
            pool.shutdown();
            assertThat(pool.awaitTermination(60, TimeUnit.SECONDS)).isTrue();
        }
        List<Long> expected = new ArrayList<>();
        for (long i = 1; i <= threads * each; i++) {
            expected.add(i);
        }
        assertThat(seqs).containsExactlyInAnyOrderElementsOf(expected);
        assertThat(store.after(room, 0, 100_000)).extracting(Entry::seq).isSorted().hasSize(threads * each);
    }
}
