package io.chitchat.examples.tcp;

import io.chitchat.ChitChat;
import io.chitchat.spi.Handshake;
import io.chitchat.spi.InboundHandler;
import io.chitchat.spi.OutboundFrame;
import io.chitchat.spi.SendCallback;
import io.chitchat.spi.TransportConnection;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.channels.Channels;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One TCP connection, as the engine sees it through {@link TransportConnection}. The engine connection is opened
 * on the client's first line, so that a first line {@code /json} puts the connection in JSON mode before the
 * engine's {@code welcome} is written.
 *
 * <p>Threads: a <em>reader</em> reads lines, opens the engine connection and calls {@code onText} and, once,
 * {@code onClose}; a <em>writer</em> writes the queued frames and lines in order (rendering frames for people in
 * text mode) and completes the send callbacks. {@link #send} and {@link #close} only queue, from any thread, and
 * never block. A client that stops reading blocks only the writer; the engine notices that its sends do not
 * complete and closes the connection with 4001, which aborts the socket.
 */
final class TcpConnection implements TransportConnection {
    private static final Logger LOG = LoggerFactory.getLogger(TcpConnection.class);
    /** How long a close may wait for queued output and the client's goodbye before the socket is aborted. */
    static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(2);
    /** Local replies (help, usage) queued for a client that does not read; over it the client is too slow. */
    static final int MAX_LOCAL_LINES = 256;
    private static final int TOO_SLOW = 4001;

    private sealed interface Out {}

    private record FrameOut(OutboundFrame frame, SendCallback callback) implements Out {}

    private record LocalOut(List<String> lines) implements Out {}

    private record ModeOut(boolean json) implements Out {}

    private record CloseOut(int code, String reason) implements Out {}

    private final String id;
    private final Socket socket;
    private final ChitChat chat;
    private final HumanLines human;
    private final ScheduledExecutorService timer;
    private final Runnable onEnd;
    private final Handshake handshake;
    private final JoinedRooms rooms = new JoinedRooms();
    private final AtomicInteger running = new AtomicInteger(2); // reader and writer

    private final Object lock = new Object();
    private final ArrayDeque<Out> queue = new ArrayDeque<>(); // guarded by lock
    private boolean closing; // guarded by lock: no frame is accepted after a close was asked for
    private boolean aborted; // guarded by lock
    private int closeCode = -1; // guarded by lock: the first close, reported to the engine
    private int localLines; // guarded by lock

    private boolean inputJson; // reader thread only
    private boolean outputJson; // writer thread only

    TcpConnection(String id, Socket socket, ChitChat chat, HumanLines human, ScheduledExecutorService timer,
                  Runnable onEnd) {
        this.id = id;
        this.socket = socket;
        this.chat = chat;
        this.human = human;
        this.timer = timer;
        this.onEnd = onEnd;
        this.handshake = Handshake.of(socket.getInetAddress().getHostAddress());
    }

    void start() {
        reply(List.of(HumanLines.BANNER));
        thread(this::readLoop, "read").start();
        thread(this::writeLoop, "write").start();
    }

    // ---------------------------------------------------------------- TransportConnection

    @Override
    public Handshake handshake() {
        return handshake;
    }

    // tag::send[]
    @Override
    public void send(OutboundFrame frame, SendCallback callback) {
        if (!enqueue(new FrameOut(frame, callback))) {
            callback.completed(new IOException("connection closed"));
        }
    }

    @Override
    public void close(int code, String reason) {
        synchronized (lock) {
            if (closing) {
                return;
            }
            closing = true;
            closeCode = code;
            if (code != TOO_SLOW) {
                queue.add(new CloseOut(code, reason)); // written after everything queued before it
                lock.notifyAll();
            }
        }
        if (code == TOO_SLOW) {
            abort(); // it does not read: a goodbye line would never get through
            return;
        }
        try {
            timer.schedule(this::abort, CLOSE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            abort(); // the transport is stopping
        }
    }
    // end::send[]

    // ---------------------------------------------------------------- reader

    private void readLoop() {
        InboundHandler handler = null;
        int code = 1006;
        String reason = "connection lost";
        try {
            LineReader reader = new LineReader(socket.getInputStream(), chat.config().maxFrameBytes());
            // a connection that never says anything is dropped after the idle timeout; once it has spoken, the
            // person may read for hours without typing (TCP keep-alive finds dead peers)
            socket.setSoTimeout((int) Math.min(Integer.MAX_VALUE, chat.config().idleTimeout().toMillis()));
            String line = reader.readLine();
            if (line == null) {
                code = 1000;
                reason = "bye";
                return;
            }
            socket.setSoTimeout(0);
            if (line.trim().equals("/json")) {
                mode(true);
                line = null;
            }
            // tag::open[]
            handler = chat.open(this); // authenticates, sends welcome; may close at once (then refusing frames)
            if (line != null) {
                handle(line, handler);
            }
            while (!isClosing() && (line = reader.readLine()) != null) {
                handle(line, handler); // one frame at a time, in order, on this thread: handler.onText(...)
            }
            // end::open[]
            // closing: read what the client still sends until it goes, so that it gets the goodbye line
            while (line != null) {
                line = reader.readLine();
            }
            code = 1000;
            reason = "bye";
        } catch (LineReader.LineTooLongException e) {
            code = 1009;
            reason = "line too long (limit " + chat.config().maxFrameBytes() + " bytes)";
        } catch (SocketTimeoutException e) {
            code = 1000;
            reason = "idle";
        } catch (IOException | RuntimeException e) {
            LOG.debug("Connection {} from {} failed", id, handshake.remoteAddress(), e);
        } finally {
            // tag::closed[]
            close(code, reason);
            if (handler != null) {
                handler.onClose(closeCode()); // exactly once, with the code of the first close
            }
            // end::closed[]
            done();
        }
    }

    private void handle(String line, InboundHandler handler) {
        if (inputJson) {
            String command = line.trim();
            if (command.equals("/text")) {
                mode(false);
            } else if (command.equals("/quit")) {
                close(1000, "bye");
            } else if (!command.isEmpty() && !command.equals("/json")) {
                handler.onText(line);
            }
            return;
        }
        HumanLines.Action action = human.parse(line, rooms);
        if (action instanceof HumanLines.Action.ToEngine request) {
            handler.onText(request.json());
        } else if (action instanceof HumanLines.Action.Reply r) {
            reply(r.lines());
        } else if (action instanceof HumanLines.Action.Mode m) {
            mode(m.json());
        } else if (action instanceof HumanLines.Action.Quit) {
            close(1000, "bye");
        }
    }

    /** Switches the reader at once and the writer in order, after what was queued before. */
    private void mode(boolean json) {
        inputJson = json;
        enqueue(new ModeOut(json));
    }

    private void reply(List<String> lines) {
        boolean tooMany;
        synchronized (lock) {
            tooMany = ++localLines > MAX_LOCAL_LINES;
        }
        if (tooMany) {
            close(TOO_SLOW, "too slow");
        } else {
            enqueue(new LocalOut(lines));
        }
    }

    // ---------------------------------------------------------------- writer

    private void writeLoop() {
        FrameOut inFlight = null;
        try {
            OutputStream out = new BufferedOutputStream(socket.getOutputStream(), 8192);
            while (true) {
                Out next = next(out);
                if (next == null) {
                    return; // aborted
                }
                if (next instanceof FrameOut f) {
                    inFlight = f;
                    writeFrame(out, f.frame());
                    inFlight = null;
                    f.callback().completed(null);
                } else if (next instanceof LocalOut l) {
                    synchronized (lock) {
                        localLines--;
                    }
                    if (!outputJson) {
                        for (String line : l.lines()) {
                            writeLine(out, line);
                        }
                    }
                } else if (next instanceof ModeOut m) {
                    outputJson = m.json();
                } else if (next instanceof CloseOut c) {
                    writeLine(out, HumanLines.closeLine(outputJson, c.code(), c.reason()));
                    out.flush();
                    socket.shutdownOutput(); // the reader waits for the client to go, or the close timeout
                    return;
                }
            }
        } catch (IOException | RuntimeException | InterruptedException e) {
            if (!isClosing()) {
                LOG.debug("Writing to connection {} from {} failed", id, handshake.remoteAddress(), e);
            }
            abort(); // the reader stops too, and tells the engine
        } finally {
            if (inFlight != null) {
                inFlight.callback().completed(new IOException("connection closed"));
            }
            failQueued();
            done();
        }
    }

    private void writeFrame(OutputStream out, OutboundFrame frame) throws IOException {
        if (outputJson) {
            // the frame's UTF-8 bytes are encoded once and shared by every recipient: copy them, do not re-encode
            Channels.newChannel(out).write(frame.utf8());
            out.write('\n');
            return;
        }
        for (String line : human.render(frame.text(), rooms)) {
            writeLine(out, line);
        }
    }

    private static void writeLine(OutputStream out, String line) throws IOException {
        out.write(line.getBytes(StandardCharsets.UTF_8));
        out.write('\n');
    }

    /** The next item to write, flushing before waiting for one; null once the connection was aborted. */
    private Out next(OutputStream out) throws IOException, InterruptedException {
        synchronized (lock) {
            if (!queue.isEmpty() || aborted) {
                return aborted ? null : queue.poll();
            }
        }
        out.flush();
        synchronized (lock) {
            while (queue.isEmpty() && !aborted) {
                lock.wait();
            }
            return aborted ? null : queue.poll();
        }
    }

    // ---------------------------------------------------------------- shared

    private boolean enqueue(Out item) {
        synchronized (lock) {
            if (closing) {
                return false;
            }
            queue.add(item);
            lock.notifyAll();
            return true;
        }
    }

    private boolean isClosing() {
        synchronized (lock) {
            return closing;
        }
    }

    private int closeCode() {
        synchronized (lock) {
            return closeCode;
        }
    }

    /** Closes the socket at once, without a goodbye: both threads stop. Idempotent. */
    private void abort() {
        synchronized (lock) {
            closing = true;
            aborted = true;
            if (closeCode == -1) {
                closeCode = 1006;
            }
            lock.notifyAll();
        }
        try {
            if (!socket.isClosed()) {
                socket.setSoLinger(true, 0); // reset: do not wait for a client that does not read
            }
        } catch (IOException e) {
            // closed meanwhile
        }
        closeSocket();
    }

    private void failQueued() {
        List<Out> rest;
        synchronized (lock) {
            closing = true;
            rest = new ArrayList<>(queue);
            queue.clear();
        }
        for (Out o : rest) {
            if (o instanceof FrameOut f) {
                f.callback().completed(new IOException("connection closed"));
            }
        }
    }

    /** Called by each of the two threads when it ends; the last one closes the socket. */
    private void done() {
        if (running.decrementAndGet() == 0) {
            closeSocket();
            LOG.debug("Connection {} from {} closed ({})", id, handshake.remoteAddress(), closeCode());
            onEnd.run();
        }
    }

    private void closeSocket() {
        try {
            socket.close();
        } catch (IOException e) {
            // nothing left to do
        }
    }

    private Thread thread(Runnable task, String role) {
        Thread t = new Thread(task, "chitchat-tcp-" + id + "-" + role);
        t.setDaemon(true);
        return t;
    }

    @Override
    public String toString() {
        return "TcpConnection[" + id + " from " + handshake.remoteAddress() + "]";
    }
}
