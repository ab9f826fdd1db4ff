package io.chitchat.protocol;

import java.util.Locale;

/** The error codes of protocol v1. A client may rely on the code; the message is for people. */
public enum ErrorCode {
    BAD_REQUEST,
    INVALID_ROOM,
    INVALID_NAME,
    INVALID_PASSWORD,
    INVALID_TEXT,
    ROOM_EXISTS,
    ROOM_NOT_FOUND,
    PASSWORD_REQUIRED,
    WRONG_PASSWORD,
    NAME_TAKEN,
    ROOM_FULL,
    ALREADY_JOINED,
    NOT_JOINED,
    RATE_LIMITED,
    LIMIT_REACHED,
    UNAUTHORIZED,
    INTERNAL;

    private final String wire = name().toLowerCase(Locale.ROOT);

    /** The code as it appears on the wire, e.g. {@code "room_not_found"}. */
    public String wire() {
        return wire;
    }

    /** Parses a wire code; unknown codes map to {@link #INTERNAL}. */
    public static ErrorCode fromWire(String code) {
        for (ErrorCode c : values()) {
            if (c.wire.equals(code)) {
                return c;
            }
        }
        return INTERNAL;
    }
}
