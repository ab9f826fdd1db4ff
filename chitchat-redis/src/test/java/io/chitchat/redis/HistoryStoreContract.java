package io.chitchat.redis;

import static org.assertj.core.api.Assertions.assertThat;

import io.chitchat.protocol.Entry;
import io.chitchat.protocol.Member;
import io.chitchat.spi.HistoryStore;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * What every {@link HistoryStore} must do. Written against the SPI only, so it can move to core's test kit and be
 * extended by every implementation.
 */
abstract class HistoryStoreContract {
    static final Member ALICE = new Member("m-alice", "Alice");

    /** A store that retains {@code retain} entries per room, empty. */
    protected abstract HistoryStore store(int retain);

    static Entry message(String room, String text) {
        return new Entry.Message(room, 0, 1_700_000_000_000L, ALICE, text, null);
    }

    static List<Long> seqs(List<Entry> entries) {
        return entries.stream().map(Entry::seq).toList();
    }

    @Test
    void append_emptyRoom_startsAtOneAndCountsUp() {
        HistoryStore store = store(10);
        assertThat(store.append("r", message("r", "a")).seq()).isEqualTo(1);
        assertThat(store.append("r", message("r", "b")).seq()).isEqualTo(2);
        assertThat(store.append("other", message("other", "c")).seq()).isEqualTo(1);
        assertThat(store.lastSeq("r")).isEqualTo(2);
    }

    @Test
    void append_draftWithSeq_ignoresIt() {
        HistoryStore store = store(10);
        Entry e = store.append("r", message("r", "a").withSeq(42));
        assertThat(e.seq()).isEqualTo(1);
        assertThat(e).isEqualTo(message("r", "a").withSeq(1));
    }

    @Test
    void append_bothEntryKinds_roundTripExactly() {
        HistoryStore store = store(10);
        Entry join = new Entry.SystemEvent("r", 0, 5, Entry.SystemEvent.JOIN, new Member("id\"1", "Ünïcødé \"q\" 😀"));
        Entry msg = new Entry.Message("r", 0, 6, ALICE, "line1\nline2 \"seq\":0 \\", "cid-1");
        store.append("r", join);
        store.append("r", msg);
        assertThat(store.after("r", 0, 10)).containsExactly(join.withSeq(1), msg.withSeq(2));
    }

    @Test
    void append_overRetention_keepsTheLatest() {
        HistoryStore store = store(3);
        for (int i = 1; i <= 5; i++) {
            store.append("r", message("r", "m" + i));
        }
        assertThat(store.lastSeq("r")).isEqualTo(5);
        assertThat(store.firstSeq("r")).isEqualTo(3);
        assertThat(seqs(store.after("r", 0, 100))).containsExactly(3L, 4L, 5L);
    }

    @Test
    void after_limit_returnsOldestFirst() {
        HistoryStore store = store(10);
        for (int i = 1; i <= 6; i++) {
            store.append("r", message("r", "m" + i));
        }
        assertThat(seqs(store.after("r", 2, 3))).containsExactly(3L, 4L, 5L);
        assertThat(seqs(store.after("r", 5, 10))).containsExactly(6L);
        assertThat(store.after("r", 6, 10)).isEmpty();
        assertThat(store.after("r", 99, 10)).isEmpty();
        assertThat(seqs(store.after("r", -5, Integer.MAX_VALUE))).containsExactly(1L, 2L, 3L, 4L, 5L, 6L);
    }

    @Test
    void before_limit_returnsTheLatestBelowOldestFirst() {
        HistoryStore store = store(10);
        for (int i = 1; i <= 6; i++) {
            store.append("r", message("r", "m" + i));
        }
        assertThat(seqs(store.before("r", Long.MAX_VALUE, 2))).containsExactly(5L, 6L);
        assertThat(seqs(store.before("r", 4, 10))).containsExactly(1L, 2L, 3L);
        assertThat(seqs(store.before("r", 4, 2))).containsExactly(2L, 3L);
        assertThat(store.before("r", 1, 10)).isEmpty();
    }

    @Test
    void lastSeqAndFirstSeq_unknownRoom_areZeroAndOne() {
        HistoryStore store = store(10);
        assertThat(store.lastSeq("nothing")).isZero();
        assertThat(store.firstSeq("nothing")).isEqualTo(1);
        assertThat(store.after("nothing", 0, 10)).isEmpty();
        assertThat(store.before("nothing", Long.MAX_VALUE, 10)).isEmpty();
    }

    @Test
    void clear_afterEntries_restartsTheSequence() {
        HistoryStore store = store(10);
        store.append("r", message("r", "a"));
        store.append("r", message("r", "b"));
        store.clear("r");
        assertThat(store.lastSeq("r")).isZero();
        assertThat(store.after("r", 0, 10)).isEmpty();
        assertThat(store.append("r", message("r", "c")).seq()).isEqualTo(1);
    }

    @Test
    void append_concurrently_assignsEverySeqOnce() throws InterruptedException {
        HistoryStore store = store(1_000);
        int threads = 4;
        int each = 50;
        List<Long> assigned = Collections.synchronizedList(new ArrayList<>());
        CountDownLatch done = new CountDownLatch(threads);
        for (int t = 0; t < threads; t++) {
            int id = t;
            new Thread(() -> {
                for (int i = 0; i < each; i++) {
                    assigned.add(store.append("r", message("r", id + ":" + i)).seq());
                }
                done.countDown();
            }).start();
        }
        assertThat(done.await(30, TimeUnit.SECONDS)).isTrue();
        assertThat(assigned).hasSize(threads * each).doesNotHaveDuplicates();
        assertThat(seqs(store.after("r", 0, 1_000))).hasSize(threads * each).isSorted();
        assertThat(store.lastSeq("r")).isEqualTo(threads * each);
    }
}
