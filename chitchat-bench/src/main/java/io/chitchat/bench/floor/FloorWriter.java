package io.chitchat.bench.floor;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.chitchat.bench.Args;
import io.chitchat.bench.metrics.CpuMeter;
import io.chitchat.bench.metrics.Metrics;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.Histogram;

/**
 * {@code chitchat-bench.jar floor-writer} (hidden; the {@code floor} scenario launches it as a pinned child JVM): the
 * fan-out with nothing but the kernel in it. Listens on 127.0.0.1 (an ephemeral port), accepts {@code --connections},
 * then {@code --rate} times a second writes one prebuilt {@link FloorFrame} to every connection from this one
 * thread, with a non-blocking {@code SocketChannel.write(ByteBuffer)} of a duplicate of one direct buffer (with
 * {@code --gather}: {@code write(ByteBuffer[])} of header and payload, as Jetty writes a frame). After
 * {@code --warmup} it measures for {@code --duration}: this thread's CPU time, split user/system, per write, and the
 * wall time of each round.
 *
 * <p>A partial write (full socket buffer) keeps its remainder, copied, and writes it before the connection's next
 * frame; if the remainder is still not gone then, that next frame is dropped whole (counted), so the stream stays
 * frame-aligned for the reader. Nothing here waits for a socket to become writable: this is the cost of the write
 * alone.
 *
 * <p>Talks to the bench on stdout, one line each: {@code READY <port>}, {@code ROUNDS <n>} about once a second,
 * {@code MEASURE} and {@code END} around the window, and {@code DONE <json>} ({@link WriterFigures}) after flushing.
 * It then waits for its stdin to close: the bench closes it when it has read everything, and the kernel closes it
 * when the bench dies, so the writer never outlives it.
 *
 * <p>Not thread-safe: one thread does everything.
 */
public final class FloorWriter {
    private static final long SECOND = TimeUnit.SECONDS.toNanos(1);

    private final SocketChannel[] channels;
    private final ByteBuffer[] pending;
    private final boolean gather;
    private final int frameLength;
    /** Plain writes: the whole frame. Gathering writes: header and payload, in {@link #vector}. */
    private final ByteBuffer frame;
    private final ByteBuffer header;
    private final ByteBuffer payload;
    private final int stampAt;
    private final ByteBuffer[] vector = new ByteBuffer[2];
    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    private final Histogram roundMicros = Metrics.newHistogram();
    private final PrintStream out = System.out;
    /** The CPUs this JVM is pinned to (taskset), whose busy time is measured too. */
    private final String cores = CpuMeter.allowedCpuList("self");

    private long rounds;
    private long writes;
    private long writtenBytes;
    private long partialWrites;
    private long droppedFrames;
    private long writeErrors;

    private FloorWriter(SocketChannel[] channels, FloorFrame shape, boolean gather) {
        this.channels = channels;
        this.pending = new ByteBuffer[channels.length];
        this.gather = gather;
        this.frameLength = shape.length();
        this.header = shape.header();
        this.payload = shape.payload();
        this.frame = ByteBuffer.allocateDirect(frameLength).put(header.duplicate()).put(payload.duplicate()).flip();
        this.stampAt = shape.headerLength();
    }

    /** Runs the writer: returns when the bench closed this process's stdin. */
    public static void run(Args args) throws Exception {
        FloorOptions o = FloorOptions.from(args);
        args.checkAllUsed();
        Thread stdin = watchStdin();

        SocketChannel[] channels = accept(o.connections());
        FloorWriter writer = new FloorWriter(channels, o.frame(), o.gather());
        WriterFigures figures = writer.loop(o.rate(), o.warmup(), o.duration(), o.drain());
        writer.out.println("DONE " + new ObjectMapper().writeValueAsString(figures));
        writer.out.flush();
        stdin.join(TimeUnit.HOURS.toMillis(2));
        // the watcher normally ends the JVM before this point; after two hours without a word from the bench, stop
        for (SocketChannel ch : channels) {
            if (ch != null) {
                ch.close();
            }
        }
    }

    /** A daemon thread that ends this JVM when stdin closes (the bench is done, or gone). */
    private static Thread watchStdin() {
        Thread t = new Thread(() -> {
            try {
                InputStream in = System.in;
                while (in.read() >= 0) {
                    // the bench sends nothing; only the end of the stream matters
                }
            } catch (IOException e) {
                // treated as closed
            }
            System.exit(0);
        }, "floor-writer-stdin");
        t.setDaemon(true);
        t.start();
        return t;
    }

    /** Accepts the bench's connections; if it never makes them, it closes stdin and this JVM ends. */
    private static SocketChannel[] accept(int connections) throws IOException {
        SocketChannel[] channels = new SocketChannel[connections];
        try (ServerSocketChannel server = ServerSocketChannel.open()) {
            server.bind(new InetSocketAddress("127.0.0.1", 0), connections);
            System.out.println("READY " + ((InetSocketAddress) server.getLocalAddress()).getPort());
            System.out.flush();
            for (int i = 0; i < connections; i++) {
                SocketChannel ch = server.accept();
                ch.configureBlocking(false);
                // as Jetty's ServerConnector does (acceptedTcpNoDelay): each write leaves at once
                ch.setOption(StandardSocketOptions.TCP_NODELAY, true);
                channels[i] = ch;
            }
        }
        return channels;
    }

    private record Snapshot(long nanos, long rounds, long writes, long threadCpu, long threadUser, long processCpu,
                            long coreBusy) {}

    /**
     * Thread CPU: the total from {@code CLOCK_THREAD_CPUTIME_ID} (exact), the user part from
     * {@code /proc/self/task/<tid>/stat} (what ThreadMXBean reads on Linux; 10 ms ticks).
     */
    private Snapshot snapshot() {
        return new Snapshot(System.nanoTime(), rounds, writes, threads.getCurrentThreadCpuTime(),
                threads.getCurrentThreadUserTime(), CpuMeter.selfNanos(),
                cores == null ? -1 : CpuMeter.busyNanos(cores));
    }

    /**
     * Open loop: round k is due at start + k / rate and stamped with that time (a late round is not forgiven its
     * delay). The window starts before the first round at or after start + warm-up and ends before the first round
     * at or after its end, by the clock.
     */
    private WriterFigures loop(double rate, Duration warmup, Duration duration, Duration flushTimeout) {
        snapshot(); // loads the MXBeans now, not in the window's first round
        long start = System.nanoTime();
        long measureFrom = start + warmup.toNanos();
        long measureTo = measureFrom + duration.toNanos();
        double interval = SECOND / rate;
        long nextTick = start + SECOND;
        Snapshot from = null;
        Snapshot to;
        while (true) {
            long due = start + (long) (rounds * interval);
            long wait;
            while ((wait = due - System.nanoTime()) > 0) {
                LockSupport.parkNanos(wait);
            }
            long now = System.nanoTime();
            if (from == null && now >= measureFrom) {
                from = snapshot();
                out.println("MEASURE");
                out.flush();
            }
            if (now >= measureTo) {
                to = snapshot();
                out.println("END");
                out.flush();
                break;
            }
            long begin = System.nanoTime();
            writeRound(due);
            long end = System.nanoTime();
            if (from != null) {
                roundMicros.recordValue(Math.max(1, Math.min(roundMicros.getHighestTrackableValue(),
                        (end - begin) / 1_000)));
            }
            if (end >= nextTick) {
                out.println("ROUNDS " + rounds);
                out.flush();
                nextTick += SECOND;
            }
        }
        long unflushed = flush(flushTimeout);
        boolean any = roundMicros.getTotalCount() > 0;
        return new WriterFigures(rounds, writtenBytes, partialWrites, droppedFrames, writeErrors, unflushed,
                to.nanos - from.nanos, to.rounds - from.rounds, to.writes - from.writes,
                to.threadCpu - from.threadCpu, to.threadUser - from.threadUser, to.processCpu - from.processCpu,
                from.coreBusy < 0 || to.coreBusy < 0 ? -1 : to.coreBusy - from.coreBusy,
                any ? roundMicros.getValueAtPercentile(50) : 0, any ? roundMicros.getValueAtPercentile(99) : 0,
                roundMicros.getMaxValue());
    }

    /** One frame, stamped once, written to every connection. */
    private void writeRound(long due) {
        FloorFrame.stamp(gather ? payload : frame, gather ? 0 : stampAt, due, rounds);
        for (int i = 0; i < channels.length; i++) {
            SocketChannel ch = channels[i];
            if (ch == null) {
                continue;
            }
            try {
                if (pending[i] != null && !writePending(i)) {
                    droppedFrames++;
                    continue;
                }
                writes++;
                if (gather) {
                    vector[0] = header.duplicate();
                    vector[1] = payload.duplicate();
                    long n = ch.write(vector);
                    writtenBytes += n;
                    if (n < frameLength) {
                        partialWrites++;
                        pending[i] = copy(vector);
                    }
                } else {
                    ByteBuffer b = frame.duplicate();
                    writtenBytes += ch.write(b);
                    if (b.hasRemaining()) {
                        partialWrites++;
                        pending[i] = copy(b);
                    }
                }
            } catch (IOException e) {
                writeErrors++;
                pending[i] = null;
                channels[i] = null;
                closeQuietly(ch);
            }
        }
        rounds++;
    }

    /** Writes connection i's remainder; true when it is all gone. */
    private boolean writePending(int i) throws IOException {
        ByteBuffer rest = pending[i];
        writes++;
        writtenBytes += channels[i].write(rest);
        if (rest.hasRemaining()) {
            return false;
        }
        pending[i] = null;
        return true;
    }

    /** Tries to write every remainder until none is left or the time is up; returns the bytes left unwritten. */
    private long flush(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            long left = 0;
            for (int i = 0; i < channels.length; i++) {
                if (pending[i] == null) {
                    continue;
                }
                try {
                    if (!writePending(i)) {
                        left += pending[i].remaining();
                    }
                } catch (IOException e) {
                    writeErrors++;
                    left += pending[i].remaining();
                    pending[i] = null;
                    closeQuietly(channels[i]);
                    channels[i] = null;
                }
            }
            if (left == 0 || System.nanoTime() > deadline) {
                return left;
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
        }
    }

    /** The unwritten rest, copied: the shared buffers are restamped by the next round. */
    private static ByteBuffer copy(ByteBuffer... parts) {
        int n = 0;
        for (ByteBuffer p : parts) {
            n += p.remaining();
        }
        ByteBuffer rest = ByteBuffer.allocateDirect(n);
        for (ByteBuffer p : parts) {
            rest.put(p);
        }
        return rest.flip();
    }

    private static void closeQuietly(SocketChannel ch) {
        try {
            ch.close();
        } catch (IOException e) {
            // already failed; the write error is counted
        }
    }
}
