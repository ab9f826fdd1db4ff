package io.chitchat.examples;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Objects;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signed tokens that say who a user is: {@code base64url(userId \n name \n expiry) "." base64url(HMAC-SHA256)}.
 * The application issues one when its user logs in (as a cookie, or for a program as a query parameter); the
 * {@link TokenAuthenticator} checks it on every chat connection. Whoever holds the key can mint tokens: keep it
 * secret, at least 32 random bytes, the same on every node.
 *
 * <p>Thread-safe and immutable.
 */
public final class SignedTokens {
    private static final String HMAC = "HmacSHA256";
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder B64D = Base64.getUrlDecoder();

    /** What a valid token says. */
    public record Claims(String userId, String name, Instant expires) {}

    private final SecretKeySpec key;
    private final Clock clock;

    /** Tokens signed with {@code key} (at least 32 bytes), expiring by {@code clock}. */
    public SignedTokens(byte[] key, Clock clock) {
        if (key.length < 32) {
            throw new IllegalArgumentException("token key must be at least 32 bytes, was " + key.length);
        }
        this.key = new SecretKeySpec(key.clone(), HMAC);
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** A token for {@code userId} showing {@code name}, valid for {@code ttl}. */
    public String issue(String userId, String name, Duration ttl) {
        if (userId.isEmpty() || userId.contains("\n") || name.isBlank() || name.contains("\n")) {
            throw new IllegalArgumentException("user id and name must be non-empty single lines");
        }
        long expires = clock.instant().plus(ttl).getEpochSecond();
        String payload = B64.encodeToString((userId + "\n" + name + "\n" + expires).getBytes(StandardCharsets.UTF_8));
        return payload + "." + B64.encodeToString(sign(payload));
    }

    /** The token's claims if it was signed with this key and has not expired; empty otherwise. */
    public Optional<Claims> verify(String token) {
        int dot = token.indexOf('.');
        if (dot <= 0 || token.length() > 4096) {
            return Optional.empty();
        }
        String payload = token.substring(0, dot);
        try {
            byte[] signature = B64D.decode(token.substring(dot + 1));
            if (!MessageDigest.isEqual(signature, sign(payload))) { // constant time
                return Optional.empty();
            }
            String[] fields = new String(B64D.decode(payload), StandardCharsets.UTF_8).split("\n", -1);
            if (fields.length != 3) {
                return Optional.empty();
            }
            Instant expires = Instant.ofEpochSecond(Long.parseLong(fields[2]));
            if (!clock.instant().isBefore(expires)) {
                return Optional.empty();
            }
            return Optional.of(new Claims(fields[0], fields[1], expires));
        } catch (IllegalArgumentException e) { // bad base64 or number
            return Optional.empty();
        }
    }

    private byte[] sign(String payload) {
        try {
            Mac mac = Mac.getInstance(HMAC); // not thread-safe: one per call
            mac.init(key);
            return mac.doFinal(payload.getBytes(StandardCharsets.US_ASCII));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }
}
