package io.chitchat.jetty;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.chitchat.spi.Handshake;
import io.chitchat.spi.InboundHandler;
import io.chitchat.spi.OutboundFrame;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.websocket.core.CoreSession;
import org.eclipse.jetty.websocket.core.Frame;
import org.eclipse.jetty.websocket.core.OpCode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The adapter alone, over a recording core session. */
class JettyConnectionTest {
    private final RecordingSession session = new RecordingSession();
    private final ConnectionSupervisor supervisor =
            new ConnectionSupervisor(Duration.ofSeconds(30), Duration.ofMinutes(1), "test-supervisor");
    private final JettyConnection connection =
            new JettyConnection(session, Handshake.of("192.0.2.1"), supervisor, Duration.ofMillis(200));
    private final CountingHandler handler = new CountingHandler();

    /** A core session that records what the adapter asks of it and completes nothing by itself. */
    static final class RecordingSession extends CoreSession.Empty {
        final List<Frame> frames = new CopyOnWriteArrayList<>();
        final List<Callback> callbacks = new CopyOnWriteArrayList<>();
        final List<Integer> closes = new CopyOnWriteArrayList<>();
        final List<String> reasons = new CopyOnWriteArrayList<>();
        final AtomicInteger aborts = new AtomicInteger();

        @Override
        public void sendFrame(Frame frame, Callback callback, boolean batch) {
            frames.add(frame);
            callbacks.add(callback);
        }

        @Override
        public void close(int statusCode, String reason, Callback callback) {
            closes.add(statusCode);
            reasons.add(reason);
        }

        @Override
        public void abort() {
            aborts.incrementAndGet();
        }
    }

    static final class CountingHandler implements InboundHandler {
        final List<String> texts = new ArrayList<>();
        final List<Integer> closes = new CopyOnWriteArrayList<>();

        @Override
        public void onText(String text) {
            texts.add(text);
        }

        @Override
        public void onClose(int code) {
            closes.add(code);
        }
    }

    @AfterEach
    void stopSupervisor() throws Exception {
        supervisor.stop();
    }

    @Test
    void send_sameFrameToTwoConnections_sharesTheEncodedBytes() {
        JettyConnection other = new JettyConnection(session, Handshake.of("192.0.2.2"), supervisor, Duration.ofSeconds(1));
        OutboundFrame frame = OutboundFrame.of("{\"type\":\"pong\",\"ref\":\"é\"}");
        connection.send(frame, failure -> { });
        other.send(frame, failure -> { });
        ByteBuffer first = session.frames.get(0).getPayload();
        ByteBuffer second = session.frames.get(1).getPayload();
        assertThat(session.frames).extracting(Frame::getOpCode).containsOnly(OpCode.TEXT);
        assertThat(first).isEqualTo(second).isNotSameAs(second);
        assertThat(first.hasArray()).as("read-only views, so the shared bytes cannot be changed").isFalse();
        assertThat(first.isReadOnly()).isTrue();
    }

    @Test
    void send_callbackCompletedOnce() {
        AtomicInteger completions = new AtomicInteger();
        List<Throwable> failures = new CopyOnWriteArrayList<>();
        connection.send(OutboundFrame.of("{}"), failure -> {
            completions.incrementAndGet();
            if (failure != null) {
                failures.add(failure);
            }
        });
        Callback jetty = session.callbacks.get(0);
        jetty.failed(new IllegalStateException("closed"));
        jetty.succeeded();
        assertThat(completions).hasValue(1);
        assertThat(failures).hasSize(1);
    }

    @Test
    void onClosed_twice_engineToldOnce() {
        supervisor.add(connection);
        connection.attach(handler);
        connection.onClosed(1009);
        connection.onClosed(1006);
        assertThat(handler.closes).containsExactly(1009);
        assertThat(supervisor.size()).isZero();
    }

    @Test
    void attach_afterClosed_engineToldAtAttach() {
        connection.onClosed(1006);
        connection.attach(handler);
        assertThat(handler.closes).containsExactly(1006);
    }

    @Test
    void onText_passedOn() {
        connection.attach(handler);
        connection.onText("{\"type\":\"ping\"}");
        assertThat(handler.texts).containsExactly("{\"type\":\"ping\"}");
    }

    @Test
    void onFrame_textAfterThisSideClosed_notPassedOn() {
        connection.attach(handler);
        connection.onFrame(new Frame(OpCode.BINARY).setPayload(ByteBuffer.wrap(new byte[] {1, 2})), Callback.NOOP);
        connection.onFrame(new Frame(OpCode.TEXT).setPayload(ByteBuffer.wrap("{\"type\":\"ping\"}".getBytes(
                java.nio.charset.StandardCharsets.UTF_8))), Callback.NOOP);
        assertThat(session.closes).containsExactly(1003);
        assertThat(handler.texts).isEmpty();
    }

    @Test
    void onText_engineThrows_closedWith1011() {
        connection.attach(new InboundHandler() {
            @Override
            public void onText(String text) {
                throw new IllegalStateException("engine bug (test)");
            }

            @Override
            public void onClose(int code) {}
        });
        connection.onText("{\"type\":\"ping\"}");
        assertThat(session.closes).containsExactly(1011);
    }

    @Test
    void close_twice_oneCloseFrame() throws Exception {
        supervisor.start();
        connection.close(4001, "too slow");
        connection.close(1001, "server shutting down");
        assertThat(session.closes).containsExactly(4001);
    }

    @Test
    void close_handshakeNeverFinishes_aborted() throws Exception {
        supervisor.start();
        connection.attach(handler);
        connection.close(4001, "too slow");
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(session.aborts).hasValue(1));
    }

    @Test
    void close_handshakeFinishes_notAborted() throws Exception {
        supervisor.start();
        connection.attach(handler);
        connection.close(1000, "bye");
        connection.onClosed(1000);
        await().during(Duration.ofMillis(400)).atMost(Duration.ofSeconds(2))
                .untilAsserted(() -> assertThat(session.aborts).hasValue(0));
    }

    @Test
    void close_longReason_truncatedTo123Bytes() {
        connection.close(1008, "é".repeat(100));
        assertThat(session.closes).containsExactly(1008);
        assertThat(session.reasons.get(0).getBytes(java.nio.charset.StandardCharsets.UTF_8)).hasSize(122);
    }
}
