package io.chitchat.client;

import static io.chitchat.client.ClientHarness.joined;
import static io.chitchat.client.ClientHarness.message;
import static io.chitchat.client.ClientHarness.system;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chitchat.protocol.ClientFrame;
import io.chitchat.protocol.ErrorCode;
import io.chitchat.protocol.ServerFrame;
import java.io.IOException;
import java.net.ConnectException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ReconnectTest {
    private static final ReconnectPolicy POLICY =
            new ReconnectPolicy(Duration.ofMillis(500), Duration.ofSeconds(4), 2, 0.5, 3);

    private final ClientHarness h = new ClientHarness(b -> b.reconnect(POLICY));

    /** Drops the connection and opens the next one after the first backoff delay, up to the welcome. */
    private FakeTransport.ServerSide dropAndReconnect(FakeTransport.ServerSide server) {
        server.serverClose(CloseStatus.ABNORMAL, "");
        h.loop.advance(Duration.ofMillis(500));
        FakeTransport.ServerSide next = h.transport.lastAttempt().open();
        next.welcome();
        return next;
    }

    @Test
    void drop_withPolicy_rejoinsWithResumeSinceAndEpochThenResendsTheOutbox() {
        FakeTransport.ServerSide server = h.connect();
        h.join(server, "red", 5, "e1");
        server.receive(message("red", 6));
        CompletableFuture<ServerFrame.Ack> unacked = h.client.send("red", "first", "c1");
        String firstRef = server.lastFrame().ref();
        CompletableFuture<ServerFrame.Pong> ping = h.client.ping();

        server.serverClose(CloseStatus.ABNORMAL, "");
        CompletableFuture<ServerFrame.Ack> queued = h.client.send("red", "second", "c2");

        assertThat(h.client.state()).isEqualTo(ClientState.RECONNECTING);
        assertThatThrownBy(ping::get).hasCauseInstanceOf(IOException.class);
        assertThat(unacked).isNotDone();
        assertThat(queued).isNotDone();

        h.loop.advance(Duration.ofMillis(500));
        FakeTransport.ServerSide next = h.transport.lastAttempt().open();
        next.welcome();

        List<ClientFrame> frames = next.frames();
        assertThat(frames).hasSize(3);
        ClientFrame.Join rejoin = (ClientFrame.Join) frames.get(0);
        assertThat(rejoin).isEqualTo(new ClientFrame.Join(rejoin.ref(), "red", "ada", "secret", 6L, "e1", "token-red"));
        assertThat(frames.get(1)).isEqualTo(new ClientFrame.Send(firstRef, "red", "first", "c1"));
        assertThat(frames.get(2)).isInstanceOfSatisfying(ClientFrame.Send.class, s -> {
            assertThat(s.cid()).isEqualTo("c2");
            assertThat(s.text()).isEqualTo("second");
        });

        next.receive(joined(rejoin.ref(), "red", 8, "e1", "token-2",
                List.of(message("red", 6), message("red", 7), message("red", 8)), true));
        next.receive(new ServerFrame.Ack(firstRef, "red", 7, "c1"));
        next.receive(new ServerFrame.Ack(frames.get(2).ref(), "red", 8, "c2"));

        assertThat(h.events.seqs()).containsExactly(6L, 7L, 8L);
        assertThat(h.events.events).containsSubsequence("rejoined red recovered=true", "message red#7");
        assertThat(unacked.join().seq()).isEqualTo(7);
        assertThat(queued.join().seq()).isEqualTo(8);
        assertThat(h.client.rooms().get("red").resume()).isEqualTo("token-2");
        assertThat(h.events.states).containsExactly(ClientState.CONNECTING, ClientState.OPEN,
                ClientState.RECONNECTING, ClientState.OPEN);
    }

    @Test
    void rejoin_liveEntriesBeforeTheReply_areHeldAndDeliveredInSeqOrder() {
        FakeTransport.ServerSide server = h.connect();
        h.join(server, "red", 3, "e1");
        FakeTransport.ServerSide next = dropAndReconnect(server);
        String ref = next.last(ClientFrame.Join.class).ref();

        next.receive(message("red", 6));
        next.receive(joined(ref, "red", 5, "e1", "t", List.of(message("red", 4), system("red", 5)), true));
        next.receive(message("red", 7));

        assertThat(h.events.seqs()).containsExactly(4L, 5L, 6L, 7L);
    }

    @Test
    void rejoin_newEpoch_deliversTheRestartedSequence() {
        FakeTransport.ServerSide server = h.connect();
        h.join(server, "red", 40, "e1");
        FakeTransport.ServerSide next = dropAndReconnect(server);
        String ref = next.last(ClientFrame.Join.class).ref();

        next.receive(joined(ref, "red", 2, "e2", "t", List.of(system("red", 1), message("red", 2)), false));
        next.receive(message("red", 3));

        assertThat(h.events.seqs()).containsExactly(1L, 2L, 3L);
        assertThat(h.events.events).contains("rejoined red recovered=false");
        assertThat(h.client.rooms().get("red").epoch()).isEqualTo("e2");
    }

    @Test
    void rejoin_refused_untracksTheRoomAndReportsIt() {
        FakeTransport.ServerSide server = h.connect();
        h.join(server, "red", 3, "e1");
        FakeTransport.ServerSide next = dropAndReconnect(server);

        next.receive(new ServerFrame.Error(next.last(ClientFrame.Join.class).ref(), ErrorCode.ROOM_NOT_FOUND,
                "room 'red' does not exist"));

        assertThat(h.client.rooms()).isEmpty();
        assertThat(h.events.rejoinFailures).singleElement().isInstanceOfSatisfying(ChitChatClientException.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.ROOM_NOT_FOUND));
        assertThat(h.client.state()).isEqualTo(ClientState.OPEN);
    }

    @Test
    void rejoin_noReply_dropsTheConnectionAndTriesAgainWithTheRoomKept() {
        FakeTransport.ServerSide server = h.connect();
        h.join(server, "red", 3, "e1");
        FakeTransport.ServerSide next = dropAndReconnect(server);

        h.loop.advance(Duration.ofSeconds(10));

        assertThat(next.aborted).isTrue();
        assertThat(h.client.state()).isEqualTo(ClientState.RECONNECTING);
        assertThat(h.client.rooms()).containsOnlyKeys("red");
        assertThat(h.events.rejoinFailures).isEmpty();
    }

    @Test
    void reconnect_unackedSendTimesOut_isNotSentAgain() {
        FakeTransport.ServerSide server = h.connect();
        CompletableFuture<ServerFrame.Ack> send = h.client.send("red", "hi", "c1");
        server.serverClose(CloseStatus.ABNORMAL, "");

        h.loop.advance(Duration.ofSeconds(10));
        FakeTransport.ServerSide next = h.transport.lastAttempt().open();
        next.welcome();

        assertThat(send).isCompletedExceptionally();
        assertThat(next.written).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(ints = {1000, 1008, 1009, 4002})
    void serverClose_finalCode_isNotRetried(int code) {
        FakeTransport.ServerSide server = h.connect();

        server.serverClose(code, "bye");
        h.loop.advance(Duration.ofMinutes(1));

        assertThat(h.transport.attempts).hasSize(1);
        assertThat(h.client.state()).isEqualTo(ClientState.CLOSED);
        assertThat(h.client.closed()).isCompletedWithValue(new CloseStatus(code, "bye"));
    }

    @ParameterizedTest
    @ValueSource(ints = {1001, 1006, 1011, 4001})
    void serverClose_transientCode_isRetried(int code) {
        FakeTransport.ServerSide server = h.connect();

        server.serverClose(code, "");
        h.loop.advance(Duration.ofMillis(500));

        assertThat(h.transport.attempts).hasSize(2);
    }

    @Test
    void reconnect_attemptsFail_backOffExponentiallyThenGiveUp() {
        h.random = 0;
        FakeTransport.ServerSide server = h.connect();
        server.serverClose(CloseStatus.ABNORMAL, "");

        h.loop.advance(Duration.ofMillis(499));
        assertThat(h.transport.attempts).hasSize(1);
        h.loop.advance(Duration.ofMillis(1));
        assertThat(h.transport.attempts).hasSize(2);
        h.transport.lastAttempt().fail(new ConnectException("refused"));

        h.loop.advance(Duration.ofMillis(999));
        assertThat(h.transport.attempts).hasSize(2);
        h.loop.advance(Duration.ofMillis(1));
        assertThat(h.transport.attempts).hasSize(3);
        h.transport.lastAttempt().fail(new ConnectException("refused"));

        h.loop.advance(Duration.ofMillis(2000));
        assertThat(h.transport.attempts).hasSize(4);
        h.transport.lastAttempt().fail(new ConnectException("refused"));

        assertThat(h.client.state()).isEqualTo(ClientState.CLOSED);
        assertThat(h.client.closed()).isCompletedWithValueMatching(s -> s.code() == CloseStatus.ABNORMAL);
    }

    @Test
    void reconnect_succeeds_resetsTheAttemptCount() {
        FakeTransport.ServerSide server = h.connect();
        for (int i = 0; i < 5; i++) {
            server = dropAndReconnect(server);
        }

        assertThat(h.client.state()).isEqualTo(ClientState.OPEN);
        assertThat(h.transport.attempts).hasSize(6);
    }

    @Test
    void close_whileWaitingToReconnect_closesAtOnceAndStopsRetrying() {
        FakeTransport.ServerSide server = h.connect();
        CompletableFuture<ServerFrame.Ack> send = h.client.send("red", "hi");
        server.serverClose(CloseStatus.ABNORMAL, "");

        h.client.close();
        h.loop.advance(Duration.ofMinutes(1));

        assertThat(h.client.state()).isEqualTo(ClientState.CLOSED);
        assertThat(h.transport.attempts).hasSize(1);
        assertThat(send).isCompletedExceptionally();
    }

    @Test
    void requests_otherThanSend_whileReconnecting_failAtOnce() {
        FakeTransport.ServerSide server = h.connect();
        server.serverClose(CloseStatus.ABNORMAL, "");

        assertThatThrownBy(() -> h.client.ping().get()).hasCauseInstanceOf(IllegalStateException.class)
                .hasMessageContaining("RECONNECTING");
    }
}
