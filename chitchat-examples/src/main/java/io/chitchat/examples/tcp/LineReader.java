package io.chitchat.examples.tcp;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Reads UTF-8 lines ending in {@code \n} (a {@code \r} before it is dropped) and refuses a line longer than the
 * engine's frame limit before it is buffered whole, so a client cannot make the server hold an endless line.
 *
 * <p>Not thread-safe: owned by a connection's reader thread.
 */
final class LineReader {
    /** A line was longer than the limit; the connection is closed with 1009, as a WebSocket would be. */
    static final class LineTooLongException extends IOException {
        private static final long serialVersionUID = 1L;

        LineTooLongException(int max) {
            super("line longer than " + max + " bytes");
        }
    }

    private final InputStream in;
    private final int maxBytes;
    private byte[] buffer = new byte[256];

    LineReader(InputStream in, int maxBytes) {
        this.in = new BufferedInputStream(in);
        this.maxBytes = maxBytes;
    }

    /** The next line without its line end; the last line may lack one; null at the end of the stream. */
    String readLine() throws IOException {
        int length = 0;
        while (true) {
            int b = in.read();
            if (b == -1) {
                return length == 0 ? null : decode(length);
            }
            if (b == '\n') {
                return decode(length);
            }
            if (length == maxBytes) {
                throw new LineTooLongException(maxBytes);
            }
            if (length == buffer.length) {
                buffer = Arrays.copyOf(buffer, Math.min(maxBytes, buffer.length * 2));
            }
            buffer[length++] = (byte) b;
        }
    }

    private String decode(int length) {
        int end = length > 0 && buffer[length - 1] == '\r' ? length - 1 : length;
        return new String(buffer, 0, end, StandardCharsets.UTF_8);
    }
}
