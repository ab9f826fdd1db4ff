package io.chitchat.jetty;

import io.chitchat.ChitChat;
import io.chitchat.ChitChatConfig;
import io.chitchat.spi.Handshake;
import io.chitchat.spi.InboundHandler;
import io.chitchat.spi.OutboundFrame;
import io.chitchat.spi.SendCallback;
import io.chitchat.spi.TransportConnection;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.websocket.core.CloseStatus;
import org.eclipse.jetty.websocket.core.CoreSession;
import org.eclipse.jetty.websocket.core.Frame;
import org.eclipse.jetty.websocket.core.FrameHandler;
import org.eclipse.jetty.websocket.core.OpCode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One WebSocket connection: Jetty's core {@link FrameHandler} on one side, the engine's {@link TransportConnection}
 * on the other. It sits directly on Jetty's core WebSocket session, without an API layer (Jakarta or Jetty's own)
 * in between: such a layer keeps per-connection state ChitChat does not use (decoders, encoders, method handles,
 * the upgrade request), about half of the heap an idle connection costs, and its {@code sendText(String)} encodes
 * the text again for every recipient, while {@link OutboundFrame#utf8()} is encoded once per frame and shared.
 *
 * <p>Thread-safe: {@link #send} and {@link #close} may be called from any thread and never block (Jetty's core
 * session queues frames). Jetty calls the {@code FrameHandler} methods one at a time.
 */
final class JettyConnection implements TransportConnection, FrameHandler {
    private static final Logger LOG = LoggerFactory.getLogger(JettyConnection.class);
    private static final int MAX_REASON_BYTES = 123;

    private final ChitChat chat;
    private final Handshake handshake;
    private final ConnectionSupervisor supervisor;
    private final Duration closeTimeout;
    private final AtomicBoolean closing = new AtomicBoolean();
    private final Object closeLock = new Object();
    private volatile CoreSession session;
    private volatile InboundHandler handler;
    private int closedWith = -1;
    private boolean delivered;
    private volatile ScheduledFuture<?> abort;
    private volatile long lastInbound = System.nanoTime();
    private volatile long lastPing = System.nanoTime();
    /** A text message arriving in fragments (browsers and the Java client send whole frames; other clients may not). */
    private byte[] fragments;
    private int fragmentsLength;
    /** Created on the first message received, not at connect (a connection that never speaks does not pay for it). */
    private CharsetDecoder decoder;

    /** A connection being upgraded: Jetty calls {@link #onOpen} once the handshake completed. */
    JettyConnection(ChitChat chat, Handshake handshake, ConnectionSupervisor supervisor, Duration closeTimeout) {
        this.chat = chat;
        this.handshake = handshake;
        this.supervisor = supervisor;
        this.closeTimeout = closeTimeout;
    }

    /** An open connection on {@code session}, for tests of the adapter alone (no engine attached yet). */
    JettyConnection(CoreSession session, Handshake handshake, ConnectionSupervisor supervisor, Duration closeTimeout) {
        this((ChitChat) null, handshake, supervisor, closeTimeout);
        this.session = session;
    }

    @Override
    public Handshake handshake() {
        return handshake;
    }

    @Override
    public void send(OutboundFrame frame, SendCallback callback) {
        write(frame, callback, false);
    }

    /** Jetty aggregates batched frames into one buffer and writes them on {@link #flush()} (or when it is full). */
    @Override
    public void sendBatched(OutboundFrame frame, SendCallback callback) {
        write(frame, callback, true);
    }

    @Override
    public void flush() {
        try {
            session.flush(Callback.NOOP);
        } catch (RuntimeException e) {
            LOG.debug("Flush of {} failed", this, e);
        }
    }

    private void write(OutboundFrame frame, SendCallback callback, boolean batch) {
        Sent sent = new Sent(callback);
        try {
            session.sendFrame(new Frame(OpCode.TEXT).setPayload(frame.utf8()), sent, batch);
        } catch (RuntimeException e) {
            sent.failed(e);
        }
    }

    @Override
    public void close(int code, String reason) {
        if (!closing.compareAndSet(false, true)) {
            return;
        }
        try {
            session.close(code, truncate(reason), Callback.NOOP);
        } catch (RuntimeException e) {
            LOG.debug("Close of {} failed, aborting", this, e);
            session.abort();
            return;
        }
        // a client that does not read (4001) never answers the close frame queued behind its backlog
        abort = supervisor.schedule(this::abortIfOpen, closeTimeout);
    }

    private void abortIfOpen() {
        if (!isClosed()) {
            LOG.debug("Aborting {}: the close handshake did not finish in {}", this, closeTimeout);
            session.abort();
        }
    }

    // ---------------------------------------------------------------- called by Jetty (FrameHandler)

    @Override
    public void onOpen(CoreSession coreSession, Callback callback) {
        session = coreSession;
        ChitChatConfig limits = chat.config();
        // with auto-fragment (Jetty's default) an incoming frame over this size, or one crossing Jetty's read
        // buffer, arrives in fragments, which onFrame reassembles up to the limit (1009 over it); outgoing frames
        // are not checked against it and go out whole (a long joined reply: server frames may be larger)
        coreSession.setMaxFrameSize(limits.maxFrameBytes());
        coreSession.setMaxTextMessageSize(limits.maxFrameBytes());
        coreSession.setMaxBinaryMessageSize(limits.maxFrameBytes());
        coreSession.setIdleTimeout(limits.idleTimeout());
        supervisor.add(this);
        InboundHandler h;
        try {
            h = chat.open(this);
        } catch (RuntimeException e) {
            LOG.error("Engine refused to open {}", this, e);
            close(1011, "server error");
            h = Ignored.INSTANCE;
        }
        attach(h);
        callback.succeeded();
        coreSession.demand();
    }

    @Override
    public void onFrame(Frame frame, Callback callback) {
        if (closing.get() && frame.isDataFrame()) {
            // closed by this side (1003, 1007, 1009, or the engine): what the client sent since is not read
            callback.succeeded();
            session.demand();
            return;
        }
        String text = null;
        switch (frame.getOpCode()) {
            case OpCode.TEXT -> {
                lastInbound = System.nanoTime();
                if (frame.isFin()) {
                    text = decode(frame.getPayload());
                } else {
                    fragments = new byte[Math.max(256, frame.getPayloadLength())];
                    fragmentsLength = 0;
                    append(frame.getPayload());
                }
            }
            case OpCode.CONTINUATION -> {
                lastInbound = System.nanoTime();
                if (append(frame.getPayload()) && frame.isFin()) {
                    text = decode(ByteBuffer.wrap(fragments, 0, fragmentsLength));
                    fragments = null;
                }
            }
            case OpCode.PING -> {
                lastInbound = System.nanoTime();
                ByteBuffer payload = ByteBuffer.allocate(frame.getPayloadLength()).put(frame.getPayload()).flip();
                session.sendFrame(new Frame(OpCode.PONG).setPayload(payload), Callback.NOOP, false);
            }
            case OpCode.PONG -> lastInbound = System.nanoTime();
            case OpCode.BINARY -> close(CloseStatus.BAD_DATA, "binary frames are not supported");
            default -> { } // CLOSE: Jetty completes the close handshake
        }
        callback.succeeded();
        if (text != null) {
            onText(text);
        }
        if (frame.getOpCode() != OpCode.CLOSE) {
            session.demand();
        }
    }

    @Override
    public void onError(Throwable cause, Callback callback) {
        // Jetty closes the session after an error and then calls onClosed, which tells the engine
        LOG.debug("WebSocket error on {}", this, cause);
        callback.succeeded();
    }

    @Override
    public void onClosed(CloseStatus closeStatus, Callback callback) {
        fragments = null;
        onClosed(closeStatus.getCode());
        callback.succeeded();
    }

    /** Adds a fragment of a text message; false (and closes with 1009) once the message exceeds the limit. */
    private boolean append(ByteBuffer payload) {
        if (fragments == null) {
            return false;
        }
        int n = payload.remaining();
        long max = session.getMaxTextMessageSize();
        if (fragmentsLength + (long) n > max) {
            fragments = null;
            close(CloseStatus.MESSAGE_TOO_LARGE, "message over " + max + " bytes");
            return false;
        }
        if (fragmentsLength + n > fragments.length) {
            fragments = Arrays.copyOf(fragments, (int) Math.min(max, Math.max(fragmentsLength + n,
                    2L * fragments.length)));
        }
        payload.get(fragments, fragmentsLength, n);
        fragmentsLength += n;
        return true;
    }

    /** The text of a message, or null (and closes with 1007) when it is not valid UTF-8. */
    private String decode(ByteBuffer utf8) {
        if (decoder == null) {
            decoder = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT);
        }
        try {
            return decoder.decode(utf8).toString(); // decode(ByteBuffer) resets the decoder first
        } catch (CharacterCodingException e) {
            close(CloseStatus.BAD_PAYLOAD, "invalid UTF-8");
            return null;
        }
    }

    /** Connects the engine's handler; if the connection already closed meanwhile, tells the handler at once. */
    void attach(InboundHandler h) {
        int code;
        synchronized (closeLock) {
            handler = h;
            if (closedWith < 0 || delivered) {
                return;
            }
            delivered = true;
            code = closedWith;
        }
        notifyClosed(h, code);
    }

    void onText(String text) {
        lastInbound = System.nanoTime();
        // Jetty delivers no frame after onClosed, and none before onOpen (which attaches the handler) returned
        try {
            handler.onText(text);
        } catch (RuntimeException e) {
            LOG.error("Engine failed on a message from {}; closing it", this, e);
            close(1011, "server error");
        }
    }

    /** The connection is gone; tells the engine exactly once. */
    void onClosed(int code) {
        InboundHandler h;
        synchronized (closeLock) {
            if (closedWith >= 0) {
                return;
            }
            closedWith = code;
            h = handler;
            if (h == null) {
                return;
            }
            delivered = true;
        }
        notifyClosed(h, code);
    }

    private void notifyClosed(InboundHandler h, int code) {
        supervisor.remove(this);
        ScheduledFuture<?> a = abort;
        if (a != null) {
            a.cancel(false);
        }
        try {
            h.onClose(code);
        } catch (RuntimeException e) {
            LOG.warn("Engine failed to handle the close of {}", this, e);
        }
    }

    private boolean isClosed() {
        synchronized (closeLock) {
            return closedWith >= 0;
        }
    }

    // ---------------------------------------------------------------- called by the supervisor

    long lastInbound() {
        return lastInbound;
    }

    long lastPing() {
        return lastPing;
    }

    void ping(long now) {
        lastPing = now;
        session.sendFrame(new Frame(OpCode.PING), Callback.NOOP, false);
    }

    private static String truncate(String reason) {
        if (reason == null) {
            return null;
        }
        byte[] bytes = reason.getBytes(StandardCharsets.UTF_8);
        if (bytes.length <= MAX_REASON_BYTES) {
            return reason;
        }
        int end = reason.length();
        while (reason.substring(0, end).getBytes(StandardCharsets.UTF_8).length > MAX_REASON_BYTES) {
            end--;
        }
        return reason.substring(0, end);
    }

    @Override
    public String toString() {
        return "WebSocket from " + handshake.remoteAddress();
    }

    /** The handler of a connection the engine could not open. */
    private enum Ignored implements InboundHandler {
        INSTANCE;

        @Override
        public void onText(String text) {}

        @Override
        public void onClose(int code) {}
    }

    /** Adapts Jetty's write completion to the engine's callback; never blocks, so Jetty may run it inline. */
    private static final class Sent implements Callback {
        private final SendCallback callback;
        private final AtomicBoolean done = new AtomicBoolean();

        Sent(SendCallback callback) {
            this.callback = callback;
        }

        @Override
        public void succeeded() {
            if (done.compareAndSet(false, true)) {
                callback.completed(null);
            }
        }

        @Override
        public void failed(Throwable failure) {
            if (done.compareAndSet(false, true)) {
                callback.completed(failure);
            }
        }

        @Override
        public InvocationType getInvocationType() {
            return InvocationType.NON_BLOCKING;
        }
    }
}
