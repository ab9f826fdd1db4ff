package io.chitchat.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Base64;
import org.junit.jupiter.api.Test;

class Pbkdf2PasswordHasherTest {

    @Test
    void defaultHasher_storesSelfDescribingFormatWith600kIterations() {
        String stored = PasswordHasher.pbkdf2().hash("pw".toCharArray());
        String[] parts = stored.split("\\$");
        assertThat(parts).hasSize(4);
        assertThat(parts[0]).isEqualTo("pbkdf2-sha256");
        assertThat(parts[1]).isEqualTo("600000");
        assertThat(Base64.getDecoder().decode(parts[2])).hasSize(16);
        assertThat(Base64.getDecoder().decode(parts[3])).hasSize(32);
    }

    @Test
    void verify_hashMadeWithOtherIterations_usesStoredCost() {
        String cheap = PasswordHasher.pbkdf2(1_000).hash("pw".toCharArray());
        assertThat(PasswordHasher.pbkdf2(2_000).verify("pw".toCharArray(), cheap)).isTrue();
    }

    @Test
    void verify_foreignFormat_rejectedWithMessage() {
        assertThatThrownBy(() -> PasswordHasher.pbkdf2(1_000).verify("pw".toCharArray(), "md5$abc"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("pbkdf2-sha256");
    }

    @Test
    void pbkdf2_tooFewIterations_rejected() {
        assertThatThrownBy(() -> PasswordHasher.pbkdf2(10)).hasMessage(
                "pbkdf2 iterations must be at least 1000, was 10");
    }
}
