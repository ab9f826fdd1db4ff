package io.chitchat.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class RedisOptionsTest {
    private static final String SECRET = "0123456789abcdef";

    @Test
    void of_uriAndSecret_hasTheDocumentedDefaults() {
        RedisOptions o = RedisOptions.of("redis://127.0.0.1:6379", SECRET);
        assertThat(o.keyPrefix()).isEqualTo("chitchat:");
        assertThat(o.nodeId()).matches("[0-9a-z]{16}");
        assertThat(o.heartbeat()).isEqualTo(Duration.ofSeconds(5));
        assertThat(o.nodeTimeout()).isEqualTo(Duration.ofSeconds(15));
        assertThat(o.historyRetention()).isEqualTo(200);
        assertThat(RedisOptions.of("redis://h", SECRET).nodeId()).isNotEqualTo(o.nodeId());
    }

    @Test
    void toString_neverShowsTheSecretOrAUriPassword() {
        RedisOptions o = RedisOptions.of("redis://user:hunter2@host:6379", SECRET);
        assertThat(o.toString()).doesNotContain(SECRET).doesNotContain("hunter2").contains("host:6379");
    }

    @Test
    void constructor_invalidValues_failWithTheValueAndTheLimit() {
        RedisOptions o = RedisOptions.of("redis://h", SECRET);
        assertThatThrownBy(() -> RedisOptions.of("http://h", SECRET)).hasMessageContaining("redis scheme");
        assertThatThrownBy(() -> RedisOptions.of("redis://h", "short")).hasMessage(
                "cluster secret must be at least 16 characters, was 5");
        assertThatThrownBy(() -> o.withKeyPrefix("")).hasMessageContaining("key prefix");
        assertThatThrownBy(() -> o.withKeyPrefix("a b")).hasMessageContaining("white space");
        assertThatThrownBy(() -> o.withNodeId("a\tb")).hasMessageContaining("node id");
        assertThatThrownBy(() -> o.withLiveness(Duration.ofSeconds(5), Duration.ofSeconds(9)))
                .hasMessageContaining("at least twice the heartbeat");
        assertThatThrownBy(() -> o.withLiveness(Duration.ZERO, Duration.ofSeconds(9)))
                .hasMessage("heartbeat must be positive, was PT0S");
        assertThatThrownBy(() -> o.withHistoryRetention(0)).hasMessageContaining("between 1 and 1000000, was 0");
        assertThatThrownBy(() -> o.withEmptyRoomTtl(Duration.ofSeconds(-1))).hasMessageContaining("negative");
    }

    @Test
    void resumeKey_sameSecret_isTheSame32BytesOnEveryNode() {
        byte[] key = ChitChatRedis.resumeKey(SECRET);
        assertThat(key).hasSize(32).isEqualTo(ChitChatRedis.resumeKey(SECRET));
        assertThat(ChitChatRedis.resumeKey(SECRET + "x")).isNotEqualTo(key);
    }
}
