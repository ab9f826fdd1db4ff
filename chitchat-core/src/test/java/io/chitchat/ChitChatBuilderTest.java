package io.chitchat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class ChitChatBuilderTest {

    @Test
    void defaults_asDocumented() {
        ChitChatConfig c = ChitChat.builder().config();
        assertThat(c.maxTextLength()).isEqualTo(4000);
        assertThat(c.maxFrameBytes()).isEqualTo(65536);
        assertThat(c.historyRetention()).isEqualTo(200);
        assertThat(c.joinHistory()).isEqualTo(50);
        assertThat(c.gracePeriod()).isEqualTo(Duration.ofSeconds(10));
        assertThat(c.emptyRoomTtl()).isEqualTo(Duration.ofSeconds(60));
        assertThat(c.resumeTokenTtl()).isEqualTo(Duration.ofHours(24));
        assertThat(c.sendRate()).isEqualTo(10);
        assertThat(c.sendBurst()).isEqualTo(20);
        assertThat(c.typingInterval()).isEqualTo(Duration.ofSeconds(2));
        assertThat(c.presenceInterval()).isEqualTo(Duration.ofMillis(100));
        assertThat(c.passwordFailures()).isEqualTo(5);
    }

    @Test
    void setters_badValues_failFastNamingValueAndLimit() {
        assertThatThrownBy(() -> ChitChat.builder().maxTextLength(0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("maxTextLength must be between 1 and 1000000, was 0");
        assertThatThrownBy(() -> ChitChat.builder().gracePeriod(Duration.ofSeconds(-1)))
                .hasMessage("gracePeriod must not be negative, was PT-1S");
        assertThatThrownBy(() -> ChitChat.builder().sendRate(0, 5))
                .hasMessage("send rate must be a positive number, was 0.0");
        assertThatThrownBy(() -> ChitChat.builder().resumeKey(new byte[8]))
                .hasMessage("resume key must be at least 32 bytes, was 8");
        assertThatThrownBy(() -> ChitChat.builder().maxMembersPerRoom(-3))
                .hasMessage("maxMembersPerRoom must be at least 1, was -3");
    }

    @Test
    void build_inconsistentValues_rejected() {
        assertThatThrownBy(() -> ChitChat.builder().historyRetention(10).joinHistory(20).build())
                .hasMessage("joinHistory (20) must not exceed historyRetention (10)");
        assertThatThrownBy(() -> ChitChat.builder().idleTimeout(Duration.ofSeconds(10))
                .pingInterval(Duration.ofSeconds(10)).build())
                .hasMessageContaining("pingInterval (PT10S) must be shorter than idleTimeout (PT10S)");
    }
}
