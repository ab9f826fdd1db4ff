package io.chitchat.client;

/**
 * Joins the parts of a text message that {@code java.net.http.WebSocket} delivers with {@code last=false},
 * up to a maximum length. Not thread-safe: used by one connection's reader, whose calls are sequential.
 */
final class TextAssembler {
    private final int maxChars;
    private StringBuilder partial;

    TextAssembler(int maxChars) {
        this.maxChars = maxChars;
    }

    /**
     * Adds one part; returns the whole message when {@code last}, otherwise null.
     *
     * @throws FrameTooLargeException when the message would exceed the maximum; the parts are discarded
     */
    String append(CharSequence part, boolean last) {
        long length = (partial == null ? 0L : partial.length()) + part.length();
        if (length > maxChars) {
            partial = null;
            throw new FrameTooLargeException(length, maxChars);
        }
        if (partial == null) {
            if (last) {
                return part.toString();
            }
            partial = new StringBuilder(Math.max(256, part.length() * 2));
        }
        partial.append(part);
        if (!last) {
            return null;
        }
        String text = partial.toString();
        partial = null;
        return text;
    }

    /** Characters held from an unfinished message. */
    int pending() {
        return partial == null ? 0 : partial.length();
    }

    /** A server frame longer than the client accepts. */
    static final class FrameTooLargeException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        FrameTooLargeException(long length, int max) {
            super("a server frame of at least " + length + " characters exceeds the limit of " + max, null, false,
                    false);
        }
    }
}
