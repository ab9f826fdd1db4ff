package io.chitchat.bench.floor;

import io.chitchat.bench.client.SourceAddresses;
import io.chitchat.bench.metrics.Metrics;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * The receiving side of the {@code floor} scenario: plain TCP connections to the writer, all read by one selector
 * thread. Frames have one fixed length, so each connection only counts its bytes: frame boundaries, the
 * {@code 0x81} that must open each frame and the round's due time are found by offset. Every complete frame is a
 * delivery in {@link Metrics}; its latency is the time from the round's due time to the read that completed its
 * stamp. The stamp is the writer JVM's {@code System.nanoTime}: on Linux both JVMs read the same
 * {@code CLOCK_MONOTONIC}, so it compares with this one's.
 *
 * <p>{@link #connect} and {@link #start} from one thread, then {@link #receivedBytes()} and {@link #badFrames()} from
 * any.
 */
final class FloorReader implements AutoCloseable {
    private final Metrics metrics;
    private final int frameLength;
    private final int stampAt;
    private final Selector selector;
    private final List<SocketChannel> channels = new ArrayList<>();
    private final AtomicInteger open = new AtomicInteger();
    private final LongAdder badFrames = new LongAdder();
    private final ByteBuffer buffer = ByteBuffer.allocateDirect(64 * 1024);
    private Thread thread;
    private volatile boolean running = true;

    /** Where one connection is in its stream. */
    private static final class Stream {
        long offset;
        long stamp;
    }

    FloorReader(Metrics metrics, FloorFrame frame) throws IOException {
        this.metrics = metrics;
        this.frameLength = frame.length();
        this.stampAt = frame.headerLength();
        this.selector = Selector.open();
    }

    /** Opens {@code count} connections to the writer, one after the other, each bound to the next source address. */
    void connect(InetSocketAddress writer, int count, SourceAddresses sources, Duration timeout) throws IOException {
        for (int i = 0; i < count; i++) {
            SocketChannel ch = SocketChannel.open();
            channels.add(ch);
            sources.bind(ch);
            ch.socket().connect(writer, (int) timeout.toMillis());
            ch.configureBlocking(false);
            ch.register(selector, SelectionKey.OP_READ, new Stream());
            open.incrementAndGet();
        }
    }

    void start() {
        thread = new Thread(this::loop, "floor-reader");
        thread.setDaemon(true);
        thread.start();
    }

    int open() {
        return open.get();
    }

    long receivedBytes() {
        return metrics.bytesIn.sum();
    }

    /** Frames that did not start with {@code 0x81}: the stream lost its alignment. */
    long badFrames() {
        return badFrames.sum();
    }

    private void loop() {
        try {
            while (running) {
                selector.select(100);
                for (Iterator<SelectionKey> it = selector.selectedKeys().iterator(); it.hasNext(); ) {
                    SelectionKey key = it.next();
                    it.remove();
                    read(key);
                }
            }
        } catch (IOException e) {
            if (running) {
                throw new IllegalStateException("the floor reader failed", e);
            }
        }
    }

    private void read(SelectionKey key) {
        SocketChannel ch = (SocketChannel) key.channel();
        buffer.clear();
        int n;
        try {
            n = ch.read(buffer);
        } catch (IOException e) {
            n = -1;
        }
        if (n < 0) {
            key.cancel();
            open.decrementAndGet();
            try {
                ch.close();
            } catch (IOException e) {
                // closing a connection that is gone
            }
            return;
        }
        if (n > 0) {
            scan((Stream) key.attachment(), n, System.nanoTime());
            metrics.bytesIn.add(n);
        }
    }

    /** Walks the bytes just read: checks each frame's first byte, assembles the stamp, counts whole frames. */
    private void scan(Stream s, int n, long now) {
        long framesBefore = s.offset / frameLength;
        int i = 0;
        while (i < n) {
            int at = (int) (s.offset % frameLength);
            int step;
            if (at == 0) {
                if (buffer.get(i) != FloorFrame.TEXT_FIN) {
                    badFrames.increment();
                }
                step = 1;
            } else if (at >= stampAt && at < stampAt + Long.BYTES) {
                s.stamp = s.stamp << 8 | (buffer.get(i) & 0xff);
                if (at == stampAt + Long.BYTES - 1) {
                    metrics.recordLatencyNanos(now - s.stamp);
                    s.stamp = 0;
                }
                step = 1;
            } else {
                step = Math.min((at < stampAt ? stampAt : frameLength) - at, n - i);
            }
            i += step;
            s.offset += step;
        }
        long frames = s.offset / frameLength - framesBefore;
        if (frames > 0) {
            metrics.framesIn.add(frames);
            metrics.deliveries.add(frames);
        }
    }

    @Override
    public void close() {
        running = false;
        selector.wakeup();
        if (thread != null) {
            try {
                thread.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        for (SocketChannel ch : channels) {
            try {
                ch.close();
            } catch (IOException e) {
                // closing at the end of the run: nothing to do
            }
        }
        try {
            selector.close();
        } catch (IOException e) {
            // as above
        }
    }
}
