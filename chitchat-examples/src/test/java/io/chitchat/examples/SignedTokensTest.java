package io.chitchat.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class SignedTokensTest {
    private static final byte[] KEY = "0123456789abcdef0123456789abcdef".getBytes();
    private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");
    private final SignedTokens tokens = new SignedTokens(KEY, Clock.fixed(NOW, ZoneOffset.UTC));

    @Test
    void verify_issuedToken_claims() {
        String token = tokens.issue("u-7", "Ada Lovelace", Duration.ofHours(1));
        assertThat(tokens.verify(token)).hasValue(
                new SignedTokens.Claims("u-7", "Ada Lovelace", NOW.plus(Duration.ofHours(1))));
    }

    @Test
    void verify_tamperedPayloadOrSignature_empty() {
        String token = tokens.issue("u-7", "Ada", Duration.ofHours(1));
        String other = tokens.issue("u-8", "Mallory", Duration.ofHours(1));
        String forged = other.substring(0, other.indexOf('.')) + token.substring(token.indexOf('.'));
        assertThat(tokens.verify(forged)).isEmpty();
        assertThat(tokens.verify(token.substring(0, token.length() - 2) + "AA")).isEmpty();
        assertThat(tokens.verify("garbage")).isEmpty();
        assertThat(tokens.verify("!!!.???")).isEmpty();
    }

    @Test
    void verify_otherKey_empty() {
        byte[] otherKey = Arrays.copyOf(KEY, 32);
        otherKey[0] ^= 1;
        String token = new SignedTokens(otherKey, Clock.fixed(NOW, ZoneOffset.UTC)).issue("u", "Eve", Duration.ofHours(1));
        assertThat(tokens.verify(token)).isEmpty();
    }

    @Test
    void verify_expired_empty() {
        String token = tokens.issue("u", "Ada", Duration.ofMinutes(5));
        SignedTokens later = new SignedTokens(KEY, Clock.fixed(NOW.plus(Duration.ofMinutes(5)), ZoneOffset.UTC));
        assertThat(later.verify(token)).isEmpty();
    }

    @Test
    void constructor_shortKey_refused() {
        assertThatThrownBy(() -> new SignedTokens(new byte[16], Clock.systemUTC()))
                .hasMessage("token key must be at least 32 bytes, was 16");
    }
}
