package io.chitchat.bench.client;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * Reads server frames from their UTF-8 bytes. The frequent kinds are not parsed: {@code message} and {@code system}
 * only have their {@code seq} (and a bench text's digits) located by byte search, and {@code presence} and
 * {@code typing} are only counted, so that the client spends little CPU per delivery. The rare kinds are parsed with
 * Jackson. The byte search relies on what the bench controls: room ids, member names and message texts without
 * quotes or escapes.
 *
 * <p>Thread-safe (the Jackson mapper is).
 */
final class FrameScanner {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final byte[] TYPE = bytes("\"type\":\"");
    private static final byte[] SEQ = bytes("\"seq\":");
    private static final byte[] TEXT = bytes("\"text\":\"");
    private static final byte[] REF = bytes("\"ref\":\"");
    private static final byte[] YOU = bytes("\"you\":{\"id\":\"");
    private static final byte[] EPOCH = bytes("\"epoch\":\"");
    private static final byte[] RESUME = bytes("\"resume\":\"");

    private FrameScanner() {}

    /** Scans the frame in {@code b[off, off + n)}. */
    static void scan(byte[] b, int off, int n, Inbound in) {
        in.reset(n);
        int len = off + n;
        int t = n > 9 && b[off] == '{' && startsWith(b, off + 1, TYPE) ? off + 1 + TYPE.length
                : indexAfter(b, off, len, TYPE);
        if (t < 0) {
            parse(b, off, n, in);
            return;
        }
        int end = t;
        while (end < len && b[end] != '"') {
            end++;
        }
        in.kind = kind(b, t, end - t);
        switch (in.kind) {
            case MESSAGE -> {
                in.seq = number(b, indexAfter(b, end, len, SEQ), len);
                int text = indexAfter(b, end, len, TEXT);
                if (text >= 0 && text + BenchText.DIGITS_END <= len && b[text + 19] == ' ') {
                    in.sentNanos = digits(b, text, 19);
                    in.sender = (int) digits(b, text + BenchText.SENDER_AT, 6);
                    in.number = digits(b, text + BenchText.NUMBER_AT, 10);
                }
            }
            case SYSTEM -> in.seq = number(b, indexAfter(b, end, len, SEQ), len);
            case PRESENCE, TYPING -> { }
            case JOINED -> joined(b, off, n, end, in);
            case ACK -> {
                in.ref = string(b, indexAfter(b, end, len, REF), len);
                in.seq = number(b, indexAfter(b, end, len, SEQ), len);
            }
            default -> parse(b, off, n, in);
        }
    }

    /**
     * {@code joined} can be large (members and history), so it is not parsed: {@code ref} and {@code you} precede the
     * arrays, and the top-level {@code seq}, {@code epoch} and {@code resume} follow them (ChitChat's field order),
     * so they are the last occurrences. Falls back to Jackson if one is missing.
     */
    private static void joined(byte[] b, int off, int n, int from, Inbound in) {
        int len = off + n;
        int seq = lastIndexAfter(b, from, len, SEQ);
        int epoch = lastIndexAfter(b, from, len, EPOCH);
        int resume = lastIndexAfter(b, from, len, RESUME);
        int you = indexAfter(b, from, len, YOU);
        if (seq < 0 || epoch < 0 || resume < 0 || you < 0) {
            parse(b, off, n, in);
            in.kind = Inbound.Kind.JOINED;
            in.ref = in.text("ref");
            in.memberId = in.json.path("you").path("id").asText(null);
            in.epoch = in.text("epoch");
            in.resume = in.text("resume");
            return;
        }
        int ref = indexAfter(b, from, Math.min(len, you), REF);
        in.ref = ref < 0 ? null : string(b, ref, len);
        in.memberId = string(b, you, len);
        in.seq = number(b, seq, len);
        in.epoch = string(b, epoch, len);
        in.resume = string(b, resume, len);
    }

    /** The characters up to the next quote (the bench's strings have no escapes). */
    private static String string(byte[] b, int at, int len) {
        if (at < 0) {
            return null;
        }
        int e = at;
        while (e < len && b[e] != '"') {
            e++;
        }
        return new String(b, at, e - at, StandardCharsets.UTF_8);
    }

    /** The index just after the last occurrence of {@code p} in {@code b[from, len)}, or -1. */
    static int lastIndexAfter(byte[] b, int from, int len, byte[] p) {
        outer:
        for (int i = len - p.length; i >= from; i--) {
            for (int j = 0; j < p.length; j++) {
                if (b[i + j] != p[j]) {
                    continue outer;
                }
            }
            return i + p.length;
        }
        return -1;
    }

    private static void parse(byte[] b, int off, int n, Inbound in) {
        try {
            in.json = JSON.readTree(b, off, n);
        } catch (IOException e) {
            in.kind = Inbound.Kind.OTHER;
            return;
        }
        if (in.json.hasNonNull("seq")) {
            in.seq = in.json.get("seq").asLong();
        }
        if (in.kind == Inbound.Kind.OTHER && in.json.hasNonNull("type")) {
            byte[] type = bytes(in.json.get("type").asText());
            in.kind = kind(type, 0, type.length);
        }
        in.ref = in.text("ref");
        in.code = in.text("code");
        in.message = in.text("message");
        in.reason = in.text("reason");
    }

    private static Inbound.Kind kind(byte[] b, int at, int n) {
        if (n < 3) {
            return Inbound.Kind.OTHER;
        }
        return switch (b[at]) {
            case 'm' -> n == 7 ? Inbound.Kind.MESSAGE : Inbound.Kind.OTHER;
            case 's' -> n == 6 ? Inbound.Kind.SYSTEM : Inbound.Kind.OTHER;
            case 'p' -> n == 8 ? Inbound.Kind.PRESENCE : n == 4 ? Inbound.Kind.PONG : Inbound.Kind.OTHER;
            case 't' -> n == 6 ? Inbound.Kind.TYPING : Inbound.Kind.OTHER;
            case 'w' -> Inbound.Kind.WELCOME;
            case 'j' -> Inbound.Kind.JOINED;
            case 'a' -> Inbound.Kind.ACK;
            case 'e' -> Inbound.Kind.ERROR;
            case 'l' -> Inbound.Kind.LEFT;
            case 'h' -> Inbound.Kind.HISTORY;
            default -> Inbound.Kind.OTHER;
        };
    }

    private static boolean startsWith(byte[] b, int at, byte[] p) {
        if (at + p.length > b.length) {
            return false;
        }
        for (int i = 0; i < p.length; i++) {
            if (b[at + i] != p[i]) {
                return false;
            }
        }
        return true;
    }

    /** The index just after the first occurrence of {@code p} in {@code b[from, len)}, or -1. */
    static int indexAfter(byte[] b, int from, int len, byte[] p) {
        byte first = p[0];
        int last = len - p.length;
        outer:
        for (int i = from; i <= last; i++) {
            if (b[i] != first) {
                continue;
            }
            for (int j = 1; j < p.length; j++) {
                if (b[i + j] != p[j]) {
                    continue outer;
                }
            }
            return i + p.length;
        }
        return -1;
    }

    private static long number(byte[] b, int at, int len) {
        if (at < 0) {
            return -1;
        }
        long v = 0;
        int i = at;
        while (i < len && b[i] >= '0' && b[i] <= '9') {
            v = v * 10 + (b[i] - '0');
            i++;
        }
        return i == at ? -1 : v;
    }

    private static long digits(byte[] b, int at, int n) {
        long v = 0;
        for (int i = at; i < at + n; i++) {
            int d = b[i] - '0';
            if (d < 0 || d > 9) {
                return -1;
            }
            v = v * 10 + d;
        }
        return v;
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
