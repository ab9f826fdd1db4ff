package io.chitchat.bench.server;

import io.chitchat.spi.PasswordHasher;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Counts the hashes and verifications of the engine's password hasher, so that a run can show that a reconnect
 * with a resume token costs no password check. Thread-safe.
 */
final class CountingPasswordHasher implements PasswordHasher {
    private final PasswordHasher delegate;
    final AtomicLong hashes = new AtomicLong();
    final AtomicLong verifies = new AtomicLong();
    final AtomicLong nanos = new AtomicLong();

    CountingPasswordHasher(PasswordHasher delegate) {
        this.delegate = delegate;
    }

    @Override
    public String hash(char[] password) {
        long t = System.nanoTime();
        try {
            return delegate.hash(password);
        } finally {
            hashes.incrementAndGet();
            nanos.addAndGet(System.nanoTime() - t);
        }
    }

    @Override
    public boolean verify(char[] password, String storedHash) {
        long t = System.nanoTime();
        try {
            return delegate.verify(password, storedHash);
        } finally {
            verifies.incrementAndGet();
            nanos.addAndGet(System.nanoTime() - t);
        }
    }
}
