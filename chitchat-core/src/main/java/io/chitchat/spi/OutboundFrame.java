package io.chitchat.spi;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * An encoded server frame, encoded once and shared by every recipient of a broadcast. The UTF-8 bytes are
 * computed on first use and cached, so a transport that writes bytes encodes them once per frame, not per
 * recipient.
 *
 * <p>Thread-safe and immutable (the byte cache is an idempotent race).
 */
public final class OutboundFrame {
    private final String text;
    private byte[] utf8;

    private OutboundFrame(String text) {
        this.text = text;
    }

    /** Wraps an encoded JSON text. */
    public static OutboundFrame of(String text) {
        return new OutboundFrame(Objects.requireNonNull(text, "text"));
    }

    /** The frame's JSON text. */
    public String text() {
        return text;
    }

    /** A new read-only buffer over the frame's UTF-8 bytes (the bytes themselves are shared). */
    public ByteBuffer utf8() {
        return ByteBuffer.wrap(bytes()).asReadOnlyBuffer();
    }

    /** The number of UTF-8 bytes of the frame. */
    public int size() {
        return bytes().length;
    }

    private byte[] bytes() {
        byte[] b = utf8;
        if (b == null) {
            b = text.getBytes(StandardCharsets.UTF_8);
            utf8 = b;
        }
        return b;
    }

    @Override
    public String toString() {
        return text;
    }
}
