package io.chitchat.bench.client;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.net.URI;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A minimal WebSocket client (RFC 6455, text frames, no extensions) on {@code threads} NIO selector loops. Every
 * socket stays registered for reading, so receiving a frame costs one {@code read} (often fewer: one read may carry
 * several frames) and no interest change, and frames are scanned where they were read, without copies. This keeps
 * the client's CPU per delivery below the server's, which a general-purpose client (one dispatch and one demand per
 * frame) does not.
 *
 * <p>Thread-safe.
 */
final class NioClientPool implements ClientPool {
    private final SourceAddresses sources;
    private final Loop[] loops;
    private final Semaphore inFlight;
    private final Duration connectTimeout;
    private final ScheduledExecutorService timer;
    private final AtomicLong next = new AtomicLong();

    NioClientPool(SourceAddresses sources, int threads, int maxInFlight, Duration connectTimeout) {
        this.sources = sources;
        this.inFlight = new Semaphore(maxInFlight);
        this.connectTimeout = connectTimeout;
        ScheduledThreadPoolExecutor t = new ScheduledThreadPoolExecutor(1, r -> {
            Thread th = new Thread(r, "bench-nio-timer");
            th.setDaemon(true);
            return th;
        });
        t.setRemoveOnCancelPolicy(true);
        this.timer = t;
        this.loops = new Loop[Math.max(1, threads)];
        for (int i = 0; i < loops.length; i++) {
            loops[i] = new Loop("bench-nio-" + i);
        }
    }

    @Override
    public CompletableFuture<Void> connect(URI uri, BenchClient client) throws InterruptedException {
        if (!inFlight.tryAcquire(connectTimeout.toMillis() * 2, TimeUnit.MILLISECONDS)) {
            return CompletableFuture.failedFuture(new IOException("no connection slot within " + connectTimeout));
        }
        CompletableFuture<Void> opened = new CompletableFuture<>();
        opened.whenComplete((v, e) -> inFlight.release());
        Loop loop = loops[(int) (next.getAndIncrement() % loops.length)];
        try {
            SocketChannel channel = SocketChannel.open();
            channel.configureBlocking(false);
            channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
            sources.bind(channel);
            int port = uri.getPort() > 0 ? uri.getPort() : 80;
            NioConnection c = new NioConnection(loop, channel, client, uri, opened, timer);
            boolean connected = channel.connect(new InetSocketAddress(uri.getHost(), port));
            loop.execute(() -> c.register(connected));
            var timeout = timer.schedule(() -> c.failHandshake(new IOException("handshake timed out after "
                    + connectTimeout)), connectTimeout.toMillis(), TimeUnit.MILLISECONDS);
            opened.whenComplete((v, e) -> timeout.cancel(false));
        } catch (IOException | RuntimeException e) {
            opened.completeExceptionally(e);
        }
        return opened;
    }

    @Override
    public void close() {
        for (Loop loop : loops) {
            loop.stop();
        }
        timer.shutdownNow();
    }

    /** One selector thread; connections registered with it are handled only by it. */
    static final class Loop implements Runnable {
        final Selector selector;
        /** The read buffer shared by the loop's connections (a connection keeps only a partial frame). */
        final byte[] readBuffer = new byte[64 * 1024];
        final java.nio.ByteBuffer readView = java.nio.ByteBuffer.wrap(readBuffer);
        private final ConcurrentLinkedQueue<Runnable> tasks = new ConcurrentLinkedQueue<>();
        private final Thread thread;
        private volatile boolean running = true;

        Loop(String name) {
            try {
                selector = Selector.open();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot open a selector", e);
            }
            thread = new Thread(this, name);
            thread.setDaemon(true);
            thread.start();
        }

        void execute(Runnable task) {
            tasks.add(task);
            if (Thread.currentThread() != thread) {
                selector.wakeup();
            }
        }

        boolean inLoop() {
            return Thread.currentThread() == thread;
        }

        @Override
        public void run() {
            while (running) {
                try {
                    // the Consumer form of select spares the selected-key set its per-key add and remove
                    selector.select(key -> ((NioConnection) key.attachment()).ready(key));
                    Runnable task;
                    while ((task = tasks.poll()) != null) {
                        task.run();
                    }
                } catch (IOException | RuntimeException e) {
                    if (running) {
                        System.err.println("bench client loop " + thread.getName() + ": " + e);
                    }
                }
            }
            for (SelectionKey key : selector.keys()) {
                ((NioConnection) key.attachment()).shutdown(1006, "client stopped");
            }
            try {
                selector.close();
            } catch (IOException e) {
                // stopping
            }
        }

        void stop() {
            running = false;
            selector.wakeup();
            try {
                thread.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
