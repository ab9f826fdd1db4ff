package io.chitchat;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Resume tokens: HMAC-SHA256 over room, epoch, member id, name and expiry. Format:
 * {@code base64url(payload) "." base64url(mac)}; the payload fields are separated by newlines (none of them may
 * contain one).
 */
final class ResumeTokens {
    record Claim(String room, String epoch, String memberId, String name, long expiresAt) {}

    private static final String ALGORITHM = "HmacSHA256";
    private final SecretKeySpec key;

    ResumeTokens(byte[] key) {
        this.key = new SecretKeySpec(key, ALGORITHM);
    }

    String issue(Claim claim) {
        String payload = claim.room() + "\n" + claim.epoch() + "\n" + claim.memberId() + "\n" + claim.name() + "\n"
                + claim.expiresAt();
        byte[] bytes = payload.getBytes(StandardCharsets.UTF_8);
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        return b64.encodeToString(bytes) + "." + b64.encodeToString(mac(bytes));
    }

    /** The claim of a valid token for this room and epoch, unexpired at {@code now}; otherwise null. */
    Claim verify(String token, String room, String epoch, long now) {
        if (token == null || token.length() > 1024) {
            return null;
        }
        int dot = token.indexOf('.');
        if (dot < 0) {
            return null;
        }
        byte[] payload;
        byte[] mac;
        try {
            Base64.Decoder b64 = Base64.getUrlDecoder();
            payload = b64.decode(token.substring(0, dot));
            mac = b64.decode(token.substring(dot + 1));
        } catch (IllegalArgumentException e) {
            return null;
        }
        if (!MessageDigest.isEqual(mac, mac(payload))) {
            return null;
        }
        String[] f = new String(payload, StandardCharsets.UTF_8).split("\n", -1);
        if (f.length != 5) {
            return null;
        }
        long expiresAt;
        try {
            expiresAt = Long.parseLong(f[4]);
        } catch (NumberFormatException e) {
            return null;
        }
        if (!f[0].equals(room) || !f[1].equals(epoch) || expiresAt <= now) {
            return null;
        }
        return new Claim(f[0], f[1], f[2], f[3], expiresAt);
    }

    private byte[] mac(byte[] payload) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            return mac.doFinal(payload);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(ALGORITHM + " is not available", e);
        }
    }
}
