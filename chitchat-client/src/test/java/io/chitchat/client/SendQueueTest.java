package io.chitchat.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class SendQueueTest {

    /** A writer whose writes complete when the test says so; it fails the test on a second outstanding write. */
    private static final class ManualWriter implements SendQueue.Writer {
        final List<String> writes = new ArrayList<>();
        final List<CompletableFuture<Void>> results = new ArrayList<>();
        boolean completeAtOnce;
        int outstanding;
        int maxOutstanding;

        @Override
        public CompletableFuture<?> text(String text) {
            return write(text);
        }

        @Override
        public CompletableFuture<?> close(int code, String reason) {
            return write("close " + code);
        }

        private CompletableFuture<?> write(String what) {
            writes.add(what);
            if (completeAtOnce) {
                return CompletableFuture.completedFuture(null);
            }
            outstanding++;
            maxOutstanding = Math.max(maxOutstanding, outstanding);
            CompletableFuture<Void> f = new CompletableFuture<>();
            results.add(f);
            return f.whenComplete((v, e) -> outstanding--);
        }
    }

    private final ManualWriter writer = new ManualWriter();
    private final SendQueue queue = new SendQueue(writer);

    @Test
    void text_whileAWriteIsOutstanding_waitsForIt() {
        CompletableFuture<Void> first = queue.text("a");
        CompletableFuture<Void> second = queue.text("b");

        assertThat(writer.writes).containsExactly("a");
        assertThat(queue.queued()).isEqualTo(1);
        writer.results.get(0).complete(null);

        assertThat(first).isCompleted();
        assertThat(writer.writes).containsExactly("a", "b");
        assertThat(second).isNotDone();
        writer.results.get(1).complete(null);
        assertThat(second).isCompleted();
        assertThat(writer.maxOutstanding).isEqualTo(1);
    }

    @Test
    void text_writeFails_failsThatFrameAndGoesOn() {
        CompletableFuture<Void> first = queue.text("a");
        CompletableFuture<Void> second = queue.text("b");

        writer.results.get(0).completeExceptionally(new IOException("broken pipe"));

        assertThat(first).isCompletedExceptionally();
        assertThat(writer.writes).containsExactly("a", "b");
        assertThat(second).isNotDone();
    }

    @Test
    void close_afterQueuedTexts_isWrittenLastAndRefusesLaterTexts() {
        queue.text("a");
        queue.text("b");
        queue.close(1000, "");
        queue.close(1000, "");

        CompletableFuture<Void> late = queue.text("c");
        writer.results.get(0).complete(null);
        writer.results.get(1).complete(null);

        assertThat(writer.writes).containsExactly("a", "b", "close 1000");
        assertThat(late).isCompletedExceptionally();
    }

    @Test
    void fail_queuedFrames_failThemAndLaterOnes() {
        queue.text("a");
        CompletableFuture<Void> queued = queue.text("b");

        queue.fail(new IOException("aborted"));

        assertThat(queued).isCompletedExceptionally();
        assertThat(queue.text("c")).isCompletedExceptionally();
        assertThat(writer.writes).containsExactly("a");
    }

    @Test
    void text_writesCompletingAtOnce_drainALongQueueWithoutRecursion() {
        queue.text("first");
        writer.completeAtOnce = true;
        List<CompletableFuture<Void>> all = new ArrayList<>();
        for (int i = 0; i < 20_000; i++) {
            all.add(queue.text("m" + i));
        }
        assertThat(queue.queued()).isEqualTo(20_000);

        writer.results.get(0).complete(null);

        assertThat(writer.writes).hasSize(20_001).startsWith("first", "m0").endsWith("m19999");
        assertThat(all).allMatch(CompletableFuture::isDone);
    }
}
