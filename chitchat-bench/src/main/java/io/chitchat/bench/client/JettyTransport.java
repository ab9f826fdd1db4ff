package io.chitchat.bench.client;

import java.nio.ByteBuffer;
import org.eclipse.jetty.util.BufferUtil;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.websocket.core.CloseStatus;
import org.eclipse.jetty.websocket.core.CoreSession;
import org.eclipse.jetty.websocket.core.Frame;
import org.eclipse.jetty.websocket.core.FrameHandler;
import org.eclipse.jetty.websocket.core.OpCode;

/**
 * Adapts one Jetty core WebSocket session to a {@link BenchClient}: text frames (and their continuations) are copied
 * into a reusable buffer, pings are answered, the next frame is demanded after each one.
 *
 * <p>Thread-safe for sending; Jetty calls the handler methods one at a time.
 */
final class JettyTransport implements FrameHandler, ClientTransport {
    private static final int INITIAL_BUFFER = 512;
    private static final int KEEP_BUFFER = 64 * 1024;

    private final BenchClient client;
    private volatile CoreSession session;
    private byte[] buffer = new byte[INITIAL_BUFFER];
    private int buffered;

    JettyTransport(BenchClient client) {
        this.client = client;
    }

    @Override
    public void send(String text) {
        session.sendFrame(new Frame(OpCode.TEXT, text), Callback.NOOP, false);
    }

    @Override
    public void close() {
        session.close(CloseStatus.NORMAL, "bye", Callback.NOOP);
    }

    @Override
    public void abort() {
        session.abort();
    }

    @Override
    public boolean isOpen() {
        CoreSession s = session;
        return s != null && !s.isClosed();
    }

    @Override
    public void onOpen(CoreSession coreSession, Callback callback) {
        session = coreSession;
        callback.succeeded();
        client.opened(this);
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
                    if (frame.isFin()) {
                        int len = buffered;
                        buffered = 0;
                        client.message(buffer, 0, len);
                        if (buffer.length > KEEP_BUFFER) {
                            buffer = new byte[INITIAL_BUFFER];
                        }
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

    @Override
    public void onError(Throwable cause, Callback callback) {
        callback.succeeded();
    }

    @Override
    public void onClosed(CloseStatus closeStatus, Callback callback) {
        callback.succeeded();
        client.closed(closeStatus == null ? 1006 : closeStatus.getCode(),
                closeStatus == null ? null : closeStatus.getReason());
    }
}
