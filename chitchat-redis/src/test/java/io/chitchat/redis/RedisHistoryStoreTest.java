package io.chitchat.redis;

import static org.assertj.core.api.Assertions.assertThat;

import io.chitchat.protocol.Entry;
import io.chitchat.protocol.Member;
import io.chitchat.spi.HistoryStore;
import io.chitchat.testkit.HistoryStoreContractTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("redis")
class RedisHistoryStoreTest extends HistoryStoreContractTest {
    private RedisFixture fixture;

    @BeforeEach
    void setUp() {
        fixture = new RedisFixture();
    }

    @AfterEach
    void tearDown() {
        fixture.close();
    }

    @Override
    protected HistoryStore newStore(int retain) {
        return fixture.node(fixture.options("history").withHistoryRetention(retain)).history();
    }

    @Test
    void append_twoNodes_shareOneSequence() {
        HistoryStore a = newStore(10);
        HistoryStore b = fixture.node(fixture.options("other").withHistoryRetention(10)).history();
        a.append("r", message("r", "1"));
        b.append("r", message("r", "2"));
        assertThat(a.after("r", 0, 10)).extracting(Entry::seq).containsExactly(1L, 2L);
        assertThat(b.lastSeq("r")).isEqualTo(2);
    }

    @Test
    void append_textsThatLookLikeJson_roundTripExactly() {
        HistoryStore store = newStore(10);
        Entry join = new Entry.SystemEvent("r", 0, 5, Entry.SystemEvent.JOIN, new Member("id\"1", "Ünï \"q\" 😀"));
        Entry msg = new Entry.Message("r", 0, 6, new Member("m", "A"), "a\nb \"seq\":0 \\ \u0001", "cid");
        store.append("r", join);
        store.append("r", msg);
        assertThat(store.after("r", 0, 10)).containsExactly(join.withSeq(1), msg.withSeq(2));
    }

    @Test
    void afterAndBefore_extremeBounds_clampToWhatIsRetained() {
        HistoryStore store = newStore(4);
        for (int i = 0; i < 6; i++) {
            store.append("r", message("r", "m" + i));
        }
        assertThat(store.after("r", Long.MIN_VALUE, Integer.MAX_VALUE)).extracting(Entry::seq)
                .containsExactly(3L, 4L, 5L, 6L);
        assertThat(store.after("r", Long.MAX_VALUE, 10)).isEmpty();
        assertThat(store.before("r", Long.MIN_VALUE, 10)).isEmpty();
        assertThat(store.before("r", Long.MAX_VALUE, Integer.MAX_VALUE)).extracting(Entry::seq)
                .containsExactly(3L, 4L, 5L, 6L);
        assertThat(store.after("r", 0, 0)).isEmpty();
    }

    @Test
    void append_roomWithoutARecord_historyExpires() {
        newStore(10).append("stray", message("stray", "1"));
        assertThat(RedisFixture.admin().pttl(fixture.prefix + "room:stray:seq")).isPositive();
        assertThat(RedisFixture.admin().pttl(fixture.prefix + "room:stray:log")).isPositive();
    }

    @Test
    void keys_afterAppends_areAllUnderThePrefix() {
        newStore(10).append("r", message("r", "1"));
        assertThat(fixture.keys()).containsExactlyInAnyOrder(fixture.prefix + "room:r:seq",
                fixture.prefix + "room:r:log");
    }
}
