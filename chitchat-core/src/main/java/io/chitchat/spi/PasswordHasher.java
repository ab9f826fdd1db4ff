package io.chitchat.spi;

/**
 * Hashes and verifies room passwords. Both operations are deliberately slow; the engine runs them on its
 * bounded password executor, never on a transport thread.
 *
 * <p>Thread-safety: implementations must be thread-safe.
 */
public interface PasswordHasher {

    /**
     * Hashes a password with a fresh random salt into a self-describing string (algorithm, cost, salt and
     * hash), so that the cost can be raised later without invalidating stored hashes.
     */
    String hash(char[] password);

    /** Checks a password against a stored hash, in time independent of where they differ. */
    boolean verify(char[] password, String storedHash);

    /** PBKDF2-HMAC-SHA256, 600,000 iterations (OWASP's figure), 16-byte salt. */
    static PasswordHasher pbkdf2() {
        return new Pbkdf2PasswordHasher(Pbkdf2PasswordHasher.DEFAULT_ITERATIONS);
    }

    /** PBKDF2-HMAC-SHA256 with the given iteration count (at least 1,000; low counts are for tests only). */
    static PasswordHasher pbkdf2(int iterations) {
        if (iterations < 1_000) {
            throw new IllegalArgumentException("pbkdf2 iterations must be at least 1000, was " + iterations);
        }
        return new Pbkdf2PasswordHasher(iterations);
    }
}
