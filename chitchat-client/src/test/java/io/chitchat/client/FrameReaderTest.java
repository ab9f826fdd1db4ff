package io.chitchat.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.junit.jupiter.api.Test;

class FrameReaderTest {

    private static final class RecordingHandler implements Transport.Handler {
        Transport.Connection connection;
        final List<String> texts = new ArrayList<>();
        final List<CompletableFuture<Void>> stages = new ArrayList<>();
        final List<CloseStatus> closes = new ArrayList<>();

        @Override
        public void onOpen(Transport.Connection c) {
            connection = c;
        }

        @Override
        public CompletionStage<?> onText(String text) {
            texts.add(text);
            CompletableFuture<Void> f = new CompletableFuture<>();
            stages.add(f);
            return f;
        }

        @Override
        public void onClose(int code, String reason) {
            closes.add(new CloseStatus(code, reason));
        }
    }

    private final RecordingHandler handler = new RecordingHandler();
    private final FakeWebSocket ws = new FakeWebSocket();
    private final FrameReader reader = new FrameReader(handler, 2048);

    @Test
    void onOpen_always_handsOverAConnectionAndRequestsOneFrame() {
        reader.onOpen(ws);

        assertThat(handler.connection).isNotNull();
        assertThat(ws.requested).isEqualTo(1);
        handler.connection.send("{\"type\":\"ping\"}");
        assertThat(ws.texts).containsExactly("{\"type\":\"ping\"}");
    }

    @Test
    void onText_partialFrames_areJoinedAndEachPartRequestsTheNext() {
        reader.onOpen(ws);

        reader.onText(ws, "{\"type\":", false);
        reader.onText(ws, "\"pong\"", false);
        reader.onText(ws, "}", true);

        assertThat(handler.texts).containsExactly("{\"type\":\"pong\"}");
        assertThat(ws.requested).isEqualTo(3);
    }

    @Test
    void onText_wholeFrame_requestsTheNextOnlyOnceProcessed() {
        reader.onOpen(ws);

        reader.onText(ws, "{}", true);
        assertThat(ws.requested).isEqualTo(1);
        handler.stages.get(0).complete(null);

        assertThat(ws.requested).isEqualTo(2);
    }

    @Test
    void onText_largeFrameInManyParts_isDeliveredWhole() {
        reader.onOpen(ws);
        String big = "x".repeat(2048);

        for (int i = 0; i < 2048; i += 100) {
            reader.onText(ws, big.substring(i, Math.min(2048, i + 100)), i + 100 >= 2048);
        }

        assertThat(handler.texts).containsExactly(big);
    }

    @Test
    void onText_overTheLimit_abortsAndReports1009() {
        reader.onOpen(ws);

        reader.onText(ws, "x".repeat(2000), false);
        reader.onText(ws, "x".repeat(100), false);
        reader.onText(ws, "late", true);

        assertThat(ws.aborted).isTrue();
        assertThat(handler.closes).containsExactly(new CloseStatus(1009, "frame too large"));
        assertThat(handler.texts).isEmpty();
    }

    @Test
    void onBinary_ignoredButTheNextFrameIsRequested() {
        reader.onOpen(ws);

        reader.onBinary(ws, ByteBuffer.allocate(3), true);

        assertThat(ws.requested).isEqualTo(2);
        assertThat(handler.texts).isEmpty();
    }

    @Test
    void onCloseThenOnError_reportOnceWithTheRawCode() {
        reader.onOpen(ws);

        reader.onClose(ws, 4001, "too slow");
        reader.onError(ws, new IllegalStateException("late"));

        assertThat(handler.closes).containsExactly(new CloseStatus(4001, "too slow"));
    }

    @Test
    void onError_connectionBroken_reports1006() {
        reader.onOpen(ws);

        reader.onError(ws, new java.io.IOException("reset"));

        assertThat(handler.closes).containsExactly(new CloseStatus(1006, "reset"));
    }
}
