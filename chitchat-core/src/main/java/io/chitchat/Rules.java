package io.chitchat;

import io.chitchat.protocol.ErrorCode;
import io.chitchat.protocol.ProtocolException;
import java.security.SecureRandom;
import java.text.Normalizer;
import java.util.Locale;

/** The protocol's rules for room ids, names, passwords and texts, and id generation. */
final class Rules {
    static final String CROCKFORD = "0123456789abcdefghjkmnpqrstvwxyz";
    static final int GENERATED_ID_LENGTH = 10;

    private final SecureRandom random = new SecureRandom();
    private final int maxText;

    Rules(int maxText) {
        this.maxText = maxText;
    }

    /** Trims and lower-cases a room id and checks it: 1 to 64 characters of {@code a-z 0-9 - _}. */
    static String roomId(String raw, String ref) {
        String id = raw.strip().toLowerCase(Locale.ROOT);
        if (id.isEmpty() || id.length() > ChitChatConfig.MAX_ROOM_ID_LENGTH) {
            throw new ProtocolException(ErrorCode.INVALID_ROOM, ref,
                    "room id must be 1 to " + ChitChatConfig.MAX_ROOM_ID_LENGTH + " characters");
        }
        for (int i = 0; i < id.length(); i++) {
            char c = id.charAt(i);
            if (!(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-' || c == '_')) {
                throw new ProtocolException(ErrorCode.INVALID_ROOM, ref,
                        "room id may contain only a-z, 0-9, '-' and '_'");
            }
        }
        return id;
    }

    /** Trims and NFC-normalises a display name and checks it: 1 to 32 code points, no control characters. */
    static String name(String raw, String ref) {
        String name = Normalizer.normalize(raw.strip(), Normalizer.Form.NFC);
        int length = name.codePointCount(0, name.length());
        if (length < 1 || length > ChitChatConfig.MAX_NAME_LENGTH) {
            throw new ProtocolException(ErrorCode.INVALID_NAME, ref,
                    "name must be 1 to " + ChitChatConfig.MAX_NAME_LENGTH + " characters after trimming");
        }
        if (name.codePoints().anyMatch(Rules::isControl)) {
            throw new ProtocolException(ErrorCode.INVALID_NAME, ref, "name must not contain control characters");
        }
        return name;
    }

    /** A password: null when absent or empty, otherwise 1 to 128 code points. */
    static String password(String raw, String ref) {
        if (raw == null || raw.isEmpty()) {
            return null;
        }
        if (raw.codePointCount(0, raw.length()) > ChitChatConfig.MAX_PASSWORD_LENGTH) {
            throw new ProtocolException(ErrorCode.INVALID_PASSWORD, ref,
                    "password must be at most " + ChitChatConfig.MAX_PASSWORD_LENGTH + " characters");
        }
        return raw;
    }

    /** A message text: 1 to maxText code points, not trimmed; newlines and tabs allowed, other controls not. */
    String text(String text, String ref) {
        if (text.isEmpty()) {
            throw new ProtocolException(ErrorCode.INVALID_TEXT, ref, "text must not be empty");
        }
        // cheap check first: a string of at most max UTF-16 units has at most max code points
        if (text.length() > maxText && text.codePointCount(0, text.length()) > maxText) {
            throw new ProtocolException(ErrorCode.INVALID_TEXT, ref,
                    "text must be at most " + maxText + " characters");
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x20 && c != '\n' && c != '\r' && c != '\t' || c == 0x7f) {
                throw new ProtocolException(ErrorCode.INVALID_TEXT, ref,
                        "text must not contain control characters other than newline and tab");
            }
        }
        return text;
    }

    static String cid(String cid, String ref) {
        if (cid != null && (cid.isEmpty() || cid.length() > ChitChatConfig.MAX_CID_LENGTH)) {
            throw new ProtocolException(ErrorCode.BAD_REQUEST, ref,
                    "cid must be 1 to " + ChitChatConfig.MAX_CID_LENGTH + " characters");
        }
        return cid;
    }

    /** A room id of 10 characters of lower-case Crockford base32 (50 random bits). */
    String generateRoomId() {
        return randomBase32(GENERATED_ID_LENGTH);
    }

    /** An opaque id (member ids, epochs): 16 characters of base32, 80 random bits. */
    String opaqueId() {
        return randomBase32(16);
    }

    private String randomBase32(int length) {
        char[] out = new char[length];
        byte[] bytes = new byte[length];
        random.nextBytes(bytes);
        for (int i = 0; i < length; i++) {
            out[i] = CROCKFORD.charAt(bytes[i] & 31);
        }
        return new String(out);
    }

    private static boolean isControl(int cp) {
        int type = Character.getType(cp);
        return type == Character.CONTROL || type == Character.LINE_SEPARATOR
                || type == Character.PARAGRAPH_SEPARATOR;
    }
}
