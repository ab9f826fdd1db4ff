package io.chitchat.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import io.chitchat.spi.PasswordHasher;
import org.junit.jupiter.api.Test;

/** The contract of {@link PasswordHasher}. An implementation's test extends this class. */
public abstract class PasswordHasherContractTest {

    protected abstract PasswordHasher hasher();

    @Test
    void hash_thenVerify_rightPasswordOnly() {
        String stored = hasher().hash("correct horse".toCharArray());
        assertThat(hasher().verify("correct horse".toCharArray(), stored)).isTrue();
        assertThat(hasher().verify("correct hors".toCharArray(), stored)).isFalse();
        assertThat(hasher().verify("".toCharArray(), stored)).isFalse();
    }

    @Test
    void hash_samePasswordTwice_differentSalts() {
        String a = hasher().hash("pw".toCharArray());
        String b = hasher().hash("pw".toCharArray());
        assertThat(a).isNotEqualTo(b);
        assertThat(hasher().verify("pw".toCharArray(), a)).isTrue();
        assertThat(hasher().verify("pw".toCharArray(), b)).isTrue();
    }

    @Test
    void hash_neverContainsThePassword() {
        String stored = hasher().hash("plain-text-secret".toCharArray());
        assertThat(stored).doesNotContain("plain-text-secret");
    }

    @Test
    void hash_unicodePassword_verifies() {
        String stored = hasher().hash("pässwörd-密码-🔑".toCharArray());
        assertThat(hasher().verify("pässwörd-密码-🔑".toCharArray(), stored)).isTrue();
        assertThat(hasher().verify("passwort-密码-🔑".toCharArray(), stored)).isFalse();
    }
}
