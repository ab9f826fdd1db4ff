package io.chitchat.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class ReconnectPolicyTest {
    private final ReconnectPolicy policy = ReconnectPolicy.defaults();

    @Test
    void delay_noJitterDrawn_doublesFromTheInitialDelayUpToTheMaximum() {
        assertThat(policy.delay(1, 0)).isEqualTo(Duration.ofMillis(500));
        assertThat(policy.delay(2, 0)).isEqualTo(Duration.ofSeconds(1));
        assertThat(policy.delay(3, 0)).isEqualTo(Duration.ofSeconds(2));
        assertThat(policy.delay(7, 0)).isEqualTo(Duration.ofSeconds(30));
        assertThat(policy.delay(10_000, 0)).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void delay_jitter_takesOffAtMostTheJitterFraction() {
        assertThat(policy.delay(3, 0.999_999)).isGreaterThan(Duration.ofMillis(999)).isLessThan(Duration.ofSeconds(2));
        assertThat(policy.delay(3, 0.5)).isEqualTo(Duration.ofMillis(1500));
    }

    @Test
    void delay_noJitterConfigured_isExact() {
        ReconnectPolicy exact = new ReconnectPolicy(Duration.ofMillis(100), Duration.ofSeconds(1), 3, 0, 5);

        assertThat(exact.delay(2, 0.9)).isEqualTo(Duration.ofMillis(300));
    }

    @Test
    void constructor_invalidValues_failNamingTheValue() {
        assertThatThrownBy(() -> new ReconnectPolicy(Duration.ZERO, Duration.ofSeconds(1), 2, 0.5, 1))
                .hasMessage("initialDelay must be positive, was PT0S");
        assertThatThrownBy(() -> new ReconnectPolicy(Duration.ofSeconds(2), Duration.ofSeconds(1), 2, 0.5, 1))
                .hasMessageContaining("maxDelay must be at least initialDelay");
        assertThatThrownBy(() -> new ReconnectPolicy(Duration.ofSeconds(1), Duration.ofSeconds(1), 0.5, 0.5, 1))
                .hasMessage("multiplier must be at least 1, was 0.5");
        assertThatThrownBy(() -> new ReconnectPolicy(Duration.ofSeconds(1), Duration.ofSeconds(1), 2, 1.5, 1))
                .hasMessage("jitter must be between 0 and 1, was 1.5");
        assertThatThrownBy(() -> policy.withMaxAttempts(0)).hasMessage("maxAttempts must be at least 1, was 0");
    }

    @Test
    void retryable_closeCodes_onlyTransientOnes() {
        assertThat(ReconnectPolicy.retryable(1006)).isTrue();
        assertThat(ReconnectPolicy.retryable(1001)).isTrue();
        assertThat(ReconnectPolicy.retryable(1011)).isTrue();
        assertThat(ReconnectPolicy.retryable(4001)).isTrue();
        assertThat(ReconnectPolicy.retryable(1000)).isFalse();
        assertThat(ReconnectPolicy.retryable(1008)).isFalse();
        assertThat(ReconnectPolicy.retryable(1009)).isFalse();
        assertThat(ReconnectPolicy.retryable(4002)).isFalse();
    }
}
