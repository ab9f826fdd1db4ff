package io.chitchat.redis;

import io.chitchat.protocol.Entry;
import io.chitchat.protocol.ProtocolCodec;

/**
 * An entry encoded by the protocol codec with its {@code seq} left out: the Lua script that assigns the seq
 * joins {@code before + seq + after}, so that the stored and published JSON is exactly what the codec writes.
 *
 * <p>The split is safe: the first {@code "seq":} in an encoded entry is its own top-level field, because a
 * quote inside a JSON string is always escaped and a member object has no {@code seq}.
 */
record EntryTemplate(String before, String after) {
    private static final String FIELD = "\"seq\":";

    static EntryTemplate of(ProtocolCodec codec, Entry draft) {
        String json = codec.encode(draft.withSeq(0));
        int at = json.indexOf(FIELD);
        int value = at + FIELD.length();
        if (at < 0 || json.charAt(value) != '0' || !isEnd(json.charAt(value + 1))) {
            throw new IllegalStateException("unexpected entry encoding: no top-level seq in " + draft.getClass());
        }
        return new EntryTemplate(json.substring(0, value), json.substring(value + 1));
    }

    private static boolean isEnd(char c) {
        return c == ',' || c == '}';
    }

    /** The JSON with a seq, as the script writes it (for tests). */
    String withSeq(long seq) {
        return before + seq + after;
    }
}
