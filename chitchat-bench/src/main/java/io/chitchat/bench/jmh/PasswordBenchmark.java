package io.chitchat.bench.jmh;

import io.chitchat.spi.PasswordHasher;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The password hasher's cost per hash and per verification (the cost of one join of a protected room, and of one
 * room creation with a password). 600,000 iterations is the default; the others show how the cost scales.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(1)
public class PasswordBenchmark {
    @Param({"600000"})
    public int iterations;

    private PasswordHasher hasher;
    private String stored;
    private final char[] password = "correct horse battery staple".toCharArray();

    @Setup
    public void setUp() {
        hasher = PasswordHasher.pbkdf2(iterations);
        stored = hasher.hash(password);
    }

    @Benchmark
    public String hash() {
        return hasher.hash(password);
    }

    @Benchmark
    public boolean verify() {
        return hasher.verify(password, stored);
    }
}
