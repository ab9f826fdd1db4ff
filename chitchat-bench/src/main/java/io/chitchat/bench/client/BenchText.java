package io.chitchat.bench.client;

/**
 * The text of a bench message: exactly {@link #LENGTH} ASCII characters,
 * {@code <send time: 19 digits> <sender: 6 digits> <message number: 10 digits> xxx...}. The send time is
 * {@link #now()}, a {@code System.nanoTime} reading of this process (every client lives in it, so no clock
 * synchronisation is involved); in an open-loop run it is the time the message was due, so that a stalled sender
 * does not hide queueing delay (coordinated omission).
 *
 * <p>Thread-safe (stateless).
 */
public final class BenchText {
    /** The message size of the workload: 64 characters (64 UTF-8 bytes). */
    public static final int LENGTH = 64;
    static final int SENDER_AT = 20;
    static final int NUMBER_AT = 27;
    static final int DIGITS_END = 37;
    private static final long ORIGIN = System.nanoTime();

    private BenchText() {}

    /** Nanoseconds since this class was loaded; never negative. */
    public static long now() {
        return System.nanoTime() - ORIGIN;
    }

    public static String of(long sendNanos, int sender, long number) {
        char[] c = new char[LENGTH];
        digits(c, 0, 19, sendNanos);
        c[19] = ' ';
        digits(c, SENDER_AT, 6, sender);
        c[26] = ' ';
        digits(c, NUMBER_AT, 10, number);
        c[DIGITS_END] = ' ';
        for (int i = DIGITS_END + 1; i < LENGTH; i++) {
            c[i] = 'x';
        }
        return new String(c);
    }

    private static void digits(char[] c, int at, int width, long value) {
        long v = value;
        for (int i = at + width - 1; i >= at; i--) {
            c[i] = (char) ('0' + (v % 10));
            v /= 10;
        }
    }
}
