package io.chitchat.bench.floor;

import java.nio.ByteBuffer;

/**
 * The frame the {@code floor} writer sends: an unmasked WebSocket text frame as a server sends it ({@code 0x81}, the
 * length in 1 or 3 bytes), then a payload of {@code size} bytes: the round's due time (the writer's
 * {@code System.nanoTime}, 8 bytes big-endian), the round number (8 bytes) and {@code 'x'} up to the size. Every
 * frame of a run has the same length, so the reader finds the stamps by offset alone.
 *
 * <p>Immutable.
 */
record FloorFrame(int size) {
    static final int MIN_SIZE = 16;
    static final int MAX_SIZE = 65_535;
    static final byte TEXT_FIN = (byte) 0x81;

    FloorFrame {
        if (size < MIN_SIZE || size > MAX_SIZE) {
            throw new IllegalArgumentException("--size must be between " + MIN_SIZE + " and " + MAX_SIZE
                    + " bytes (the payload holds a time stamp and a round number), was " + size);
        }
    }

    int headerLength() {
        return size <= 125 ? 2 : 4;
    }

    int length() {
        return headerLength() + size;
    }

    /** A direct buffer with the frame header. */
    ByteBuffer header() {
        ByteBuffer h = ByteBuffer.allocateDirect(headerLength());
        h.put(TEXT_FIN);
        if (size <= 125) {
            h.put((byte) size);
        } else {
            h.put((byte) 126).putShort((short) size);
        }
        return h.flip();
    }

    /** A direct buffer with the payload of round 0 (stamp 0). */
    ByteBuffer payload() {
        ByteBuffer p = ByteBuffer.allocateDirect(size);
        p.putLong(0).putLong(0);
        while (p.hasRemaining()) {
            p.put((byte) 'x');
        }
        return p.flip();
    }

    /** Writes a round's stamp and number into a payload (or frame) buffer whose payload starts at {@code at}. */
    static void stamp(ByteBuffer buffer, int at, long dueNanos, long round) {
        buffer.putLong(at, dueNanos).putLong(at + 8, round);
    }
}
