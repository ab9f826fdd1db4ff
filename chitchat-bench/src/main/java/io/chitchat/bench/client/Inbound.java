package io.chitchat.bench.client;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One frame received, as the scanner understood it. A connection reuses one instance for every frame (frames of one
 * connection are handled one at a time), so listeners must copy what they keep.
 *
 * <p>Not thread-safe.
 */
public final class Inbound {
    /** The kinds of server frames; entries ({@code message}, {@code system}) and presence are never fully parsed. */
    public enum Kind { MESSAGE, SYSTEM, PRESENCE, TYPING, WELCOME, JOINED, ACK, ERROR, LEFT, HISTORY, PONG, OTHER }

    public Kind kind;
    /** The entry's room seq ({@code message}, {@code system}, {@code ack}), or -1. */
    public long seq;
    /** For a bench message: its send time ({@link BenchText#now()} scale), sender and number; otherwise -1. */
    public long sentNanos;
    public int sender;
    public long number;
    /** The frame's size in bytes. */
    public int size;
    /** The parsed frame, for the rare kinds (welcome, error, left, history, pong, other); else null. */
    public JsonNode json;
    /** Of {@code joined}, {@code ack}, {@code error}, {@code left}: the fields the bench uses, or null. */
    public String ref;
    public String memberId;
    public String resume;
    public String epoch;
    public String code;
    public String message;
    public String reason;

    void reset(int bytes) {
        kind = Kind.OTHER;
        seq = -1;
        sentNanos = -1;
        sender = -1;
        number = -1;
        size = bytes;
        json = null;
        ref = null;
        memberId = null;
        resume = null;
        epoch = null;
        code = null;
        message = null;
        reason = null;
    }

    /** A text field of the parsed frame, or null. */
    String text(String field) {
        JsonNode n = json == null ? null : json.get(field);
        return n == null || n.isNull() ? null : n.asText();
    }
}
