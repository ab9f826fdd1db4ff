package io.chitchat.bench.jmh;

import io.chitchat.ChitChat;
import io.chitchat.spi.Handshake;
import io.chitchat.spi.InboundHandler;
import io.chitchat.spi.OutboundFrame;
import io.chitchat.spi.SendCallback;
import io.chitchat.spi.TransportConnection;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The engine's fan-out without a network: one member of a room of {@code members} in-memory connections sends a
 * 64-character message; an operation ends when every member's connection was handed the frame. Divide the time by
 * {@code members} for the engine's cost per delivery (the transport's write is not included: the connections only
 * count). The connections implement the transport SPI directly, as the in-memory transport does, without keeping
 * the frames.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class FanoutBenchmark {
    private static final String TEXT = "0000000001234567890 000000 0000000042 xxxxxxxxxxxxxxxxxxxxxxxxxx";

    @Param({"100", "1000"})
    public int members;

    private ChitChat chat;
    private final AtomicLong messages = new AtomicLong();
    private final List<CountingConnection> connections = new ArrayList<>();
    private InboundHandler sender;
    private long target;
    private String sendFrame;

    @Setup(Level.Trial)
    public void setUp() throws InterruptedException {
        chat = ChitChat.builder().sendRate(1_000_000_000, 1_000_000_000).maxMembersPerRoom(members + 1).build().start();
        for (int i = 0; i < members; i++) {
            CountingConnection c = new CountingConnection(Handshake.of("10.0." + (i / 250) + "." + (i % 250)));
            c.handler = chat.open(c);
            connections.add(c);
            String frame = i == 0 ? "{\"type\":\"create\",\"room\":\"jmh\",\"name\":\"m0\"}"
                    : "{\"type\":\"join\",\"room\":\"jmh\",\"name\":\"m" + i + "\"}";
            c.handler.onText(frame);
            while (!c.joined) {
                LockSupport.parkNanos(100_000);
            }
        }
        Thread.sleep(500); // let the join entries and presence diffs drain
        sender = connections.get(0).handler;
        sendFrame = "{\"type\":\"send\",\"room\":\"jmh\",\"text\":\"" + TEXT + "\"}";
        target = messages.get();
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        chat.close();
    }

    @Benchmark
    public long broadcast() {
        target += members;
        sender.onText(sendFrame);
        while (messages.get() < target) {
            Thread.onSpinWait();
        }
        return target;
    }

    /** Counts the message frames it is handed and completes every send at once. */
    private final class CountingConnection implements TransportConnection {
        private final Handshake handshake;
        volatile InboundHandler handler;
        volatile boolean joined;

        CountingConnection(Handshake handshake) {
            this.handshake = handshake;
        }

        @Override
        public Handshake handshake() {
            return handshake;
        }

        @Override
        public void send(OutboundFrame frame, SendCallback callback) {
            String text = frame.text();
            if (text.startsWith("{\"type\":\"message\"")) {
                messages.incrementAndGet();
            } else if (text.startsWith("{\"type\":\"joined\"")) {
                joined = true;
            }
            callback.completed(null);
        }

        @Override
        public void close(int code, String reason) {
            handler.onClose(1000);
        }
    }
}
