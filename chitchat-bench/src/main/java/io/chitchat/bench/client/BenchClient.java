package io.chitchat.bench.client;

import java.net.URI;
import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.jetty.util.BufferUtil;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.websocket.core.CloseStatus;
import org.eclipse.jetty.websocket.core.CoreSession;
import org.eclipse.jetty.websocket.core.Frame;
import org.eclipse.jetty.websocket.core.FrameHandler;
import org.eclipse.jetty.websocket.core.OpCode;

/**
 * One bench WebSocket connection on Jetty's core client: its frames are copied into a reusable buffer, scanned by
 * {@link FrameScanner} (no String per frame) and handed to the scenario's {@link ClientListener}. Pings are answered.
 * A scenario keeps its per-connection state in {@link #state}.
 *
 * <p>Thread-safe for {@link #send} and {@link #close}; the receive path is confined to one thread at a time.
 */
public final class BenchClient implements FrameHandler {
    private static final int INITIAL_BUFFER = 512;
    private static final int KEEP_BUFFER = 64 * 1024;

    public final int index;
    private final ClientListener listener;
    private final Inbound inbound = new Inbound();
    private final AtomicBoolean closedOnce = new AtomicBoolean();
    private final CompletableFuture<Integer> closed = new CompletableFuture<>();
    private volatile CoreSession session;
    private byte[] buffer = new byte[INITIAL_BUFFER];
    private int buffered;
    private boolean fragmented;

    /** Bytes and frames received (written by the receive path only; read after the fact). */
    public volatile long bytesIn;
    public volatile long framesIn;
    /** The scenario's state for this connection. */
    public Object state;

    public BenchClient(int index, ClientListener listener) {
        this.index = index;
        this.listener = listener;
    }

    /** Connects through the pool; completes when the WebSocket is open. */
    public CompletableFuture<CoreSession> connect(ClientPool pool, URI uri) throws InterruptedException {
        return pool.connect(uri, this);
    }

    /** Sends one text frame without blocking. */
    public void send(String text) {
        CoreSession s = session;
        if (s == null) {
            throw new IllegalStateException("connection " + index + " is not open");
        }
        s.sendFrame(new Frame(OpCode.TEXT, text), Callback.NOOP, false);
    }

    /** Closes normally (1000). */
    public void close() {
        CoreSession s = session;
        if (s != null) {
            s.close(CloseStatus.NORMAL, "bye", Callback.NOOP);
        }
    }

    /** Drops the connection without a close handshake, as a network failure would. */
    public void abort() {
        CoreSession s = session;
        if (s != null) {
            s.abort();
        }
    }

    public boolean isOpen() {
        CoreSession s = session;
        return s != null && !s.isClosed() && !closed.isDone();
    }

    /** Completes with the close code when the connection is closed. */
    public CompletableFuture<Integer> closedFuture() {
        return closed;
    }

    // ---------------------------------------------------------------- FrameHandler

    @Override
    public void onOpen(CoreSession coreSession, Callback callback) {
        session = coreSession;
        callback.succeeded();
        listener.onOpen(this);
        coreSession.demand();
    }

    @Override
    public void onFrame(Frame frame, Callback callback) {
        byte op = frame.getOpCode();
        try {
            switch (op) {
                case OpCode.TEXT, OpCode.CONTINUATION -> {
                    if (op == OpCode.TEXT) {
                        buffered = 0;
                    }
                    append(frame.getPayload());
                    fragmented = !frame.isFin();
                    if (frame.isFin()) {
                        received();
                    }
                }
                case OpCode.PING -> session.sendFrame(new Frame(OpCode.PONG).setPayload(
                        BufferUtil.copy(frame.getPayload())), Callback.NOOP, false);
                default -> { }
            }
        } catch (RuntimeException e) {
            callback.failed(e);
            return;
        }
        callback.succeeded();
        if (op != OpCode.CLOSE) {
            session.demand();
        }
    }

    private void append(ByteBuffer payload) {
        if (payload == null) {
            return;
        }
        int n = payload.remaining();
        if (buffered + n > buffer.length) {
            byte[] bigger = new byte[Math.max(buffer.length * 2, buffered + n)];
            System.arraycopy(buffer, 0, bigger, 0, buffered);
            buffer = bigger;
        }
        payload.get(payload.position(), buffer, buffered, n);
        buffered += n;
    }

    private void received() {
        int len = buffered;
        bytesIn += len;
        framesIn++;
        FrameScanner.scan(buffer, len, inbound);
        buffered = 0;
        if (buffer.length > KEEP_BUFFER) {
            buffer = new byte[INITIAL_BUFFER];
        }
        listener.onFrame(this, inbound);
    }

    @Override
    public void onError(Throwable cause, Callback callback) {
        callback.succeeded();
    }

    @Override
    public void onClosed(CloseStatus closeStatus, Callback callback) {
        callback.succeeded();
        if (closedOnce.compareAndSet(false, true)) {
            int code = closeStatus == null ? 1006 : closeStatus.getCode();
            listener.onClosed(this, code, closeStatus == null ? null : closeStatus.getReason());
            closed.complete(code);
        }
    }

    @Override
    public String toString() {
        return "client " + index;
    }
}
