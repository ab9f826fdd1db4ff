package io.chitchat.bench.floor;

import io.chitchat.bench.Args;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The workload of a {@code floor} run, read the same way by the bench and by its writer (which gets them back as
 * {@link #toArgs()}): {@code --connections} (1000), {@code --rate} rounds a second (100), {@code --warmup} (5 s),
 * {@code --duration} (20 s), {@code --size} payload bytes (90), {@code --gather}, and {@code --drain} (5 s: how long
 * the writer keeps flushing remainders and the bench keeps reading once nothing moves).
 *
 * <p>Immutable.
 */
record FloorOptions(int connections, double rate, Duration warmup, Duration duration, FloorFrame frame,
                    boolean gather, Duration drain) {

    FloorOptions {
        if (connections < 1 || rate <= 0 || duration.isZero() || duration.isNegative() || warmup.isNegative()) {
            throw new IllegalArgumentException("need --connections >= 1, --rate > 0, --duration > 0 and --warmup >= 0");
        }
    }

    static FloorOptions from(Args args) {
        return new FloorOptions(args.integer("connections", 1000), args.decimal("rate", 100),
                args.duration("warmup", "5s"), args.duration("duration", "20s"),
                new FloorFrame(args.integer("size", 90)), args.flag("gather"), args.duration("drain", "5s"));
    }

    /** The options as command-line arguments. */
    List<String> toArgs() {
        List<String> a = new ArrayList<>(List.of("--connections", String.valueOf(connections),
                "--rate", String.valueOf(rate), "--warmup", warmup.toMillis() + "ms",
                "--duration", duration.toMillis() + "ms", "--size", String.valueOf(frame.size()),
                "--drain", drain.toMillis() + "ms"));
        if (gather) {
            a.add("--gather");
        }
        return a;
    }
}
