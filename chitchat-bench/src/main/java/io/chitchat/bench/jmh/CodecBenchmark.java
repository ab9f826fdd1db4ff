package io.chitchat.bench.jmh;

import io.chitchat.protocol.ClientFrame;
import io.chitchat.protocol.Entry;
import io.chitchat.protocol.Member;
import io.chitchat.protocol.ProtocolCodec;
import io.chitchat.protocol.ServerFrame;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The wire codec: encoding the frames of the hot path (a 64-character message, an ack) and of a join (a
 * {@code joined} with 100 members and 50 history entries), decoding a client's {@code send}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class CodecBenchmark {
    private static final String TEXT = "0000000001234567890 000000 0000000042 xxxxxxxxxxxxxxxxxxxxxxxxxx";

    private final ProtocolCodec codec = new ProtocolCodec();
    private Entry.Message message;
    private ServerFrame.Ack ack;
    private ServerFrame.Joined joined;
    private String sendText;
    private String messageText;

    @Setup
    public void setUp() {
        Member alice = new Member("a1b2c3d4e5", "Alice");
        message = new Entry.Message("bench-room", 123_456, 1_764_000_000_000L, alice, TEXT, null);
        ack = new ServerFrame.Ack("s0-42", "bench-room", 123_456, null);
        List<Member> members = new ArrayList<>();
        List<Entry> history = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            members.add(new Member("id" + i, "member" + i));
        }
        for (int i = 0; i < 50; i++) {
            history.add(new Entry.Message("bench-room", i + 1, 1_764_000_000_000L, alice, TEXT, null));
        }
        joined = new ServerFrame.Joined("j1", "bench-room", false, alice, members, members.size(), history, 50,
                "epoch1234", null, "token.abcdef");
        sendText = codec.encode(new ClientFrame.Send("s0-42", "bench-room", TEXT, null));
        messageText = codec.encode(message);
    }

    @Benchmark
    public String encodeMessage() {
        return codec.encode(message);
    }

    @Benchmark
    public String encodeAck() {
        return codec.encode(ack);
    }

    @Benchmark
    public String encodeJoined100Members() {
        return codec.encode(joined);
    }

    @Benchmark
    public ClientFrame decodeSend() {
        return codec.decodeClient(sendText);
    }

    @Benchmark
    public ServerFrame decodeMessage() {
        return codec.decodeServer(messageText);
    }
}
