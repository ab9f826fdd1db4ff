package io.chitchat.client;

import java.time.Duration;
import java.util.Objects;

/**
 * When and how often a client reconnects after it lost its connection: exponential backoff with jitter. The
 * delay before attempt {@code n} (1-based) is {@code min(maxDelay, initialDelay * multiplier^(n-1))}, reduced by
 * a random fraction of at most {@code jitter} so that many clients dropped together do not return together.
 * After {@code maxAttempts} failed attempts in a row the client gives up and closes.
 *
 * <p>A client does not reconnect after its own {@link ChitChatClient#close()}, nor after close codes that a new
 * connection would not fix: 1000 (the server ended the connection normally), 1008 (policy, unauthorized),
 * 1009 (frame too large) and 4002 (abusive).
 *
 * @param initialDelay the delay before the first attempt; positive
 * @param maxDelay the longest delay; at least {@code initialDelay}
 * @param multiplier the growth of the delay per attempt; at least 1
 * @param jitter the largest fraction of a delay taken off at random; between 0 and 1
 * @param maxAttempts the attempts in a row before giving up; positive
 */
public record ReconnectPolicy(Duration initialDelay, Duration maxDelay, double multiplier, double jitter,
                              int maxAttempts) {

    public ReconnectPolicy {
        Objects.requireNonNull(initialDelay, "initialDelay");
        Objects.requireNonNull(maxDelay, "maxDelay");
        if (initialDelay.isNegative() || initialDelay.isZero()) {
            throw new IllegalArgumentException("initialDelay must be positive, was " + initialDelay);
        }
        if (maxDelay.compareTo(initialDelay) < 0) {
            throw new IllegalArgumentException("maxDelay must be at least initialDelay (" + initialDelay + "), was "
                    + maxDelay);
        }
        if (!(multiplier >= 1) || Double.isInfinite(multiplier)) {
            throw new IllegalArgumentException("multiplier must be at least 1, was " + multiplier);
        }
        if (!(jitter >= 0 && jitter <= 1)) {
            throw new IllegalArgumentException("jitter must be between 0 and 1, was " + jitter);
        }
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1, was " + maxAttempts);
        }
    }

    /** 0.5 s doubling up to 30 s, up to half of each delay taken off at random, never giving up. */
    public static ReconnectPolicy defaults() {
        return new ReconnectPolicy(Duration.ofMillis(500), Duration.ofSeconds(30), 2, 0.5, Integer.MAX_VALUE);
    }

    /** The policy with another number of attempts. */
    public ReconnectPolicy withMaxAttempts(int attempts) {
        return new ReconnectPolicy(initialDelay, maxDelay, multiplier, jitter, attempts);
    }

    /**
     * The delay before attempt {@code attempt} (1-based), given a random number in [0, 1).
     */
    Duration delay(int attempt, double random) {
        double base = initialDelay.toNanos() * Math.pow(multiplier, Math.max(0, attempt - 1));
        double capped = Math.min(base, maxDelay.toNanos());
        return Duration.ofNanos((long) (capped * (1 - jitter * random)));
    }

    /** Whether a connection that ended with this close code is worth another attempt. */
    static boolean retryable(int closeCode) {
        return closeCode != 1000 && closeCode != 1008 && closeCode != 1009 && closeCode != 4002;
    }
}
