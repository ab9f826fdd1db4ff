package io.chitchat.redis;

import static org.assertj.core.api.Assertions.assertThat;

import io.chitchat.spi.HistoryStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("redis")
class RedisHistoryStoreTest extends HistoryStoreContract {
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
    protected HistoryStore store(int retain) {
        return fixture.node(fixture.options("history").withHistoryRetention(retain)).history();
    }

    @Test
    void append_twoNodes_shareOneSequence() {
        HistoryStore a = store(10);
        HistoryStore b = fixture.node(fixture.options("other").withHistoryRetention(10)).history();
        a.append("r", message("r", "1"));
        b.append("r", message("r", "2"));
        assertThat(seqs(a.after("r", 0, 10))).containsExactly(1L, 2L);
        assertThat(b.lastSeq("r")).isEqualTo(2);
    }

    @Test
    void keys_afterAppends_areAllUnderThePrefix() {
        store(10).append("r", message("r", "1"));
        assertThat(fixture.keys()).containsExactlyInAnyOrder(fixture.prefix + "room:r:seq",
                fixture.prefix + "room:r:log");
    }
}
