package io.chitchat.examples.tcp;

import io.chitchat.ChitChat;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A ChitChat transport over plain TCP, one line per message, written only against the public SPI
 * ({@link io.chitchat.spi.TransportConnection}, {@link io.chitchat.spi.InboundHandler}). People connect with
 * {@code nc host 7000} and type commands ({@code /join lobby Alice}) and messages; programs send {@code /json} as
 * their first line and then speak protocol v1, one JSON frame per line, exactly as over WebSocket.
 *
 * <pre>{@code
 * ChitChat chat = ChitChat.builder().build().start();
 * TcpTransport tcp = TcpTransport.start(chat, "127.0.0.1", 7000);
 * }</pre>
 *
 * <p>Text mode: a line starting with {@code /} is a command ({@code /help} lists them), a line starting with
 * <code>{</code> is passed to the engine as a frame, any other line is a message to the current room; the server's
 * frames are shown as readable lines. JSON mode: every line is a frame; the server's frames are written as they
 * are, one per line; {@code /text} switches back. Either way, before the transport closes a connection it writes
 * a last line with the close code, which TCP cannot carry: {@code {"type":"close","code":1008,"reason":"..."}} in
 * JSON mode. Text mode knows the rooms it has shown a {@code joined} for; rooms joined in JSON mode are unknown to
 * it after a switch to {@code /text} (name them: {@code /leave room}).
 *
 * <p>Plain TCP has no TLS, no origin and no HTTP headers: expose it on a trusted network only, or put it behind a
 * TLS terminator. Each connection uses two threads (blocking I/O keeps the example short); at most
 * {@value #MAX_CONNECTIONS} connections are accepted.
 *
 * <p>Thread-safe.
 */
public final class TcpTransport implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(TcpTransport.class);
    /** Connections accepted at once; more are closed on accept. */
    public static final int MAX_CONNECTIONS = 1000;

    private final ChitChat chat;
    private final ServerSocket listener;
    private final HumanLines human = new HumanLines();
    private final Set<TcpConnection> connections = ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService timer;
    private final AtomicLong ids = new AtomicLong();
    private final AtomicBoolean closed = new AtomicBoolean();
    private final Object idle = new Object();

    private TcpTransport(ChitChat chat, ServerSocket listener) {
        this.chat = chat;
        this.listener = listener;
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "chitchat-tcp-timer"));
    }

    /**
     * Listens on {@code host:port} ({@code port} 0 picks a free one; host null for every interface) and serves
     * {@code chat}, which must be started.
     */
    public static TcpTransport start(ChitChat chat, String host, int port) throws IOException {
        ServerSocket listener = new ServerSocket();
        try {
            listener.bind(new InetSocketAddress(host == null ? null : InetAddress.getByName(host), port));
        } catch (IOException e) {
            listener.close();
            throw new IOException("cannot listen on " + (host == null ? "*" : host) + ":" + port + ": "
                    + e.getMessage(), e);
        }
        TcpTransport transport = new TcpTransport(chat, listener);
        daemon(transport::acceptLoop, "chitchat-tcp-accept").start();
        LOG.info("ChitChat TCP transport listening on {}:{}", listener.getInetAddress().getHostAddress(),
                listener.getLocalPort());
        return transport;
    }

    /** The port it listens on. */
    public int port() {
        return listener.getLocalPort();
    }

    /** The number of open connections. */
    public int connections() {
        return connections.size();
    }

    /**
     * Stops accepting and closes every connection with 1001 (each gets its goodbye line), waiting at most a few
     * seconds for them to go. Idempotent.
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        try {
            listener.close();
        } catch (IOException e) {
            LOG.debug("Closing the TCP listener failed", e);
        }
        connections.forEach(c -> c.close(1001, "server shutting down"));
        awaitNoConnections(TcpConnection.CLOSE_TIMEOUT.plusSeconds(1));
        timer.shutdownNow();
    }

    private void awaitNoConnections(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (idle) {
            while (!connections.isEmpty()) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return;
                }
                try {
                    idle.wait(Math.max(1, left / 1_000_000));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    private void acceptLoop() {
        while (!closed.get()) {
            Socket socket;
            try {
                socket = listener.accept();
            } catch (IOException e) {
                if (!closed.get()) {
                    LOG.warn("Accepting a TCP connection failed; the transport stops accepting", e);
                }
                return;
            }
            try {
                socket.setTcpNoDelay(true);
                socket.setKeepAlive(true);
            } catch (IOException e) {
                closeQuietly(socket);
                continue;
            }
            if (connections.size() >= MAX_CONNECTIONS) {
                LOG.warn("Refused a TCP connection from {}: {} connections open", socket.getInetAddress(),
                        MAX_CONNECTIONS);
                closeQuietly(socket);
                continue;
            }
            String id = "t" + Long.toString(ids.incrementAndGet(), 36);
            TcpConnection[] self = new TcpConnection[1];
            self[0] = new TcpConnection(id, socket, chat, human, timer, () -> ended(self[0]));
            connections.add(self[0]);
            self[0].start();
        }
    }

    private void ended(TcpConnection connection) {
        connections.remove(connection);
        synchronized (idle) {
            idle.notifyAll();
        }
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            // nothing to do
        }
    }

    private static Thread daemon(Runnable task, String name) {
        Thread t = new Thread(task, name);
        t.setDaemon(true);
        return t;
    }
}
