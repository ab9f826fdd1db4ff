package io.chitchat.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chitchat.protocol.ClientFrame;
import io.chitchat.protocol.ErrorCode;
import io.chitchat.protocol.ServerFrame;
import java.io.IOException;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;

class RequestsTest {
    private final ManualEventLoop loop = new ManualEventLoop();
    private final Requests requests = new Requests(loop, Duration.ofSeconds(10));

    private CompletableFuture<ServerFrame.Ack> send(String text) {
        CompletableFuture<ServerFrame.Ack> f = new CompletableFuture<>();
        requests.add(new ClientFrame.Send(requests.nextRef(), "red", text, "cid-" + text), ServerFrame.Ack.class, f,
                false);
        return f;
    }

    private CompletableFuture<ServerFrame.Pong> ping() {
        CompletableFuture<ServerFrame.Pong> f = new CompletableFuture<>();
        requests.add(new ClientFrame.Ping(requests.nextRef()), ServerFrame.Pong.class, f, false);
        return f;
    }

    @Test
    void nextRef_manyCalls_neverRepeatsAndStaysShort() {
        Set<String> refs = new HashSet<>();
        for (int i = 0; i < 10_000; i++) {
            refs.add(requests.nextRef());
        }

        assertThat(refs).hasSize(10_000).allMatch(r -> r.length() <= 64);
    }

    @Test
    void take_knownRef_returnsItOnceAndCancelsTheTimer() {
        ping();

        assertThat(requests.take("1")).isNotNull();
        assertThat(requests.take("1")).isNull();
        assertThat(requests.take(null)).isNull();
        assertThat(loop.pendingTimers()).isZero();
    }

    @Test
    void complete_errorReply_failsWithTheCode() {
        CompletableFuture<ServerFrame.Pong> f = ping();

        requests.take("1").complete(new ServerFrame.Error("1", ErrorCode.INTERNAL, "oops"));

        assertThatThrownBy(f::join).hasCauseInstanceOf(ChitChatClientException.class).hasMessageContaining("oops");
    }

    @Test
    void timeout_elapsed_failsAndForgetsTheRequest() {
        CompletableFuture<ServerFrame.Pong> f = ping();

        loop.advance(Duration.ofSeconds(10));

        assertThatThrownBy(f::join).hasCauseInstanceOf(TimeoutException.class).hasMessageContaining("ping");
        assertThat(requests.size()).isZero();
    }

    @Test
    void connectionLost_keepingSends_failsTheRestAndKeepsTheOutboxInOrder() {
        CompletableFuture<ServerFrame.Ack> a = send("a");
        CompletableFuture<ServerFrame.Pong> p = ping();
        CompletableFuture<ServerFrame.Ack> b = send("b");
        CompletableFuture<ServerFrame.Joined> internal = new CompletableFuture<>();
        requests.add(new ClientFrame.Join(requests.nextRef(), "red", "ada", null, 1L, null, null),
                ServerFrame.Joined.class, internal, true);

        requests.connectionLost(new IOException("lost"), true);

        assertThat(p).isCompletedExceptionally();
        assertThat(internal).isNotDone();
        assertThat(a).isNotDone();
        assertThat(b).isNotDone();
        assertThat(requests.outbox()).extracting(pending -> ((ClientFrame.Send) pending.frame).text())
                .containsExactly("a", "b");
    }

    @Test
    void outbox_cancelledSend_isLeftOut() {
        send("a").cancel(false);
        send("b");

        assertThat(requests.outbox()).hasSize(1);
    }

    @Test
    void failAll_always_failsSendsToo() {
        CompletableFuture<ServerFrame.Ack> a = send("a");

        requests.failAll(new IllegalStateException("closed"));

        assertThat(a).isCompletedExceptionally();
        assertThat(requests.size()).isZero();
    }
}
