package io.chitchat.client;

import static io.chitchat.client.ClientHarness.ADA;
import static io.chitchat.client.ClientHarness.BOB;
import static io.chitchat.client.ClientHarness.joined;
import static io.chitchat.client.ClientHarness.message;
import static io.chitchat.client.ClientHarness.system;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chitchat.protocol.ClientFrame;
import io.chitchat.protocol.Entry;
import io.chitchat.protocol.ErrorCode;
import io.chitchat.protocol.ServerFrame;
import java.io.IOException;
import java.net.ConnectException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;

class DefaultChitChatClientTest {
    private final ClientHarness h = new ClientHarness();

    // ---------------------------------------------------------------- connect

    @Test
    void connect_welcomeArrives_completesAndExposesWelcome() {
        CompletableFuture<Void> connected = h.client.connect();
        FakeTransport.ServerSide server = h.transport.lastAttempt().open();
        assertThat(connected).isNotDone();

        server.welcome();

        assertThat(connected).isCompleted();
        assertThat(h.client.state()).isEqualTo(ClientState.OPEN);
        assertThat(h.client.welcome()).get().extracting(ServerFrame.Welcome::protocol).isEqualTo(1);
        assertThat(h.events.states).containsExactly(ClientState.CONNECTING, ClientState.OPEN);
    }

    @Test
    void connect_calledTwice_opensOneConnection() {
        h.client.connect();
        h.client.connect();

        assertThat(h.transport.attempts).hasSize(1);
    }

    @Test
    void connect_headersConfigured_passesThemToTheHandshake() {
        ClientHarness withHeaders = new ClientHarness(b -> b.header("Origin", "https://chat.example")
                .header("Cookie", "session=1"));

        withHeaders.client.connect();

        assertThat(withHeaders.transport.lastAttempt().headers)
                .containsExactly(Map.entry("Origin", "https://chat.example"), Map.entry("Cookie", "session=1"));
        assertThat(withHeaders.transport.lastAttempt().uri).isEqualTo(ClientHarness.ENDPOINT);
    }

    @Test
    void connect_handshakeFails_failsWithTheCauseAndCloses() {
        CompletableFuture<Void> connected = h.client.connect();

        h.transport.lastAttempt().fail(new ConnectException("refused"));

        assertThatThrownBy(connected::get).hasCauseInstanceOf(ConnectException.class);
        assertThat(h.client.state()).isEqualTo(ClientState.CLOSED);
        assertThat(h.client.closed()).isCompletedWithValueMatching(s -> s.code() == CloseStatus.ABNORMAL);
        assertThat(h.loop.isShutdown()).isTrue();
    }

    @Test
    void connect_noWelcomeInTime_timesOutAndAborts() {
        CompletableFuture<Void> connected = h.client.connect();
        FakeTransport.ServerSide server = h.transport.lastAttempt().open();

        h.loop.advance(Duration.ofSeconds(10));

        assertThatThrownBy(connected::get).hasCauseInstanceOf(TimeoutException.class);
        assertThat(server.aborted).isTrue();
        assertThat(h.client.state()).isEqualTo(ClientState.CLOSED);
    }

    @Test
    void connect_errorBeforeWelcomeThenClose_failsWithTheServersCode() {
        CompletableFuture<Void> connected = h.client.connect();
        FakeTransport.ServerSide server = h.transport.lastAttempt().open();

        server.receive(new ServerFrame.Error(null, ErrorCode.UNAUTHORIZED, "who are you?"));
        server.welcome();
        server.serverClose(1008, "unauthorized");

        assertThatThrownBy(connected::get).cause().isInstanceOf(ChitChatClientException.class)
                .hasMessage("who are you?")
                .extracting(e -> ((ChitChatClientException) e).code()).isEqualTo(ErrorCode.UNAUTHORIZED);
        assertThat(h.client.state()).isEqualTo(ClientState.CLOSED);
        assertThat(h.client.lastClose()).contains(new CloseStatus(1008, "unauthorized"));
        assertThat(h.events.errors).extracting(ServerFrame.Error::code).containsExactly(ErrorCode.UNAUTHORIZED);
    }

    @Test
    void connect_closedBeforeWelcome_failsWithIoException() {
        CompletableFuture<Void> connected = h.client.connect();
        FakeTransport.ServerSide server = h.transport.lastAttempt().open();

        server.serverClose(1011, "server error");

        assertThatThrownBy(connected::get).hasCauseInstanceOf(IOException.class);
        assertThat(h.client.closed()).isCompletedWithValue(new CloseStatus(1011, "server error"));
    }

    // ---------------------------------------------------------------- requests and replies

    @Test
    void join_repliesOutOfOrder_eachFutureGetsItsOwnReplyByRef() {
        FakeTransport.ServerSide server = h.connect();
        CompletableFuture<ServerFrame.Joined> red = h.client.join("red", "ada");
        CompletableFuture<ServerFrame.Joined> blue = h.client.join("blue", "ada", "pw");
        List<ClientFrame> frames = server.frames();
        ClientFrame.Join redJoin = (ClientFrame.Join) frames.get(0);
        ClientFrame.Join blueJoin = (ClientFrame.Join) frames.get(1);

        server.receive(joined(blueJoin.ref(), "blue", 3, "e1", "t", List.of(), null));
        server.receive(joined(redJoin.ref(), "red", 7, "e2", "t", List.of(), null));

        assertThat(redJoin.ref()).isNotEqualTo(blueJoin.ref());
        assertThat(redJoin.password()).isNull();
        assertThat(blueJoin.password()).isEqualTo("pw");
        assertThat(red.join().room()).isEqualTo("red");
        assertThat(blue.join().room()).isEqualTo("blue");
        assertThat(h.events.events).containsSubsequence("joined blue", "joined red");
    }

    @Test
    void join_errorReply_failsWithClientExceptionCarryingTheCode() {
        FakeTransport.ServerSide server = h.connect();
        CompletableFuture<ServerFrame.Joined> f = h.client.join("red", "ada", "nope");

        server.receive(new ServerFrame.Error(server.lastFrame().ref(), ErrorCode.WRONG_PASSWORD, "wrong password"));

        assertThatThrownBy(f::get).isInstanceOf(ExecutionException.class).cause()
                .isInstanceOfSatisfying(ChitChatClientException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.WRONG_PASSWORD));
        assertThat(h.client.rooms()).isEmpty();
        assertThat(h.events.errors).isEmpty();
    }

    @Test
    void join_withOptions_sendsSinceEpochAndResume() {
        FakeTransport.ServerSide server = h.connect();

        h.client.join("red", "ada", JoinOptions.none().withSince(42, "e9").withResume("tok"));

        assertThat(server.last(ClientFrame.Join.class))
                .isEqualTo(new ClientFrame.Join(server.lastFrame().ref(), "red", "ada", null, 42L, "e9", "tok"));
    }

    @Test
    void create_nullRoom_sendsCreateWithoutRoomAndTracksTheGeneratedOne() {
        FakeTransport.ServerSide server = h.connect();
        CompletableFuture<ServerFrame.Joined> f = h.client.create(null, "ada", null);
        ClientFrame.Create create = server.last(ClientFrame.Create.class);

        server.receive(joined(create.ref(), "0123456789", 1, "e1", "tok", List.of(system("0123456789", 1)), null));

        assertThat(create.room()).isNull();
        assertThat(f).isCompleted();
        assertThat(h.client.rooms()).containsOnlyKeys("0123456789");
    }

    @Test
    void ping_noReply_timesOutAndALateReplyIsIgnored() {
        FakeTransport.ServerSide server = h.connect();
        CompletableFuture<ServerFrame.Pong> pong = h.client.ping();
        String ref = server.lastFrame().ref();

        h.loop.advance(Duration.ofSeconds(10));
        server.receive(new ServerFrame.Pong(ref));

        assertThatThrownBy(pong::get).hasCauseInstanceOf(TimeoutException.class);
        assertThat(h.client.state()).isEqualTo(ClientState.OPEN);
    }

    @Test
    void ping_customRequestTimeout_timesOutThen() {
        ClientHarness quick = new ClientHarness(b -> b.requestTimeout(Duration.ofMillis(200)));
        quick.connect();
        CompletableFuture<ServerFrame.Pong> pong = quick.client.ping();

        quick.loop.advance(Duration.ofMillis(199));
        assertThat(pong).isNotDone();
        quick.loop.advance(Duration.ofMillis(1));

        assertThat(pong).isCompletedExceptionally();
    }

    @Test
    void send_withoutCid_generatesDistinctCidsAndKeepsAGivenOne() {
        FakeTransport.ServerSide server = h.connect();

        h.client.send("red", "one");
        h.client.send("red", "two");
        h.client.send("red", "three", "my-cid");

        List<String> cids = server.frames().stream().map(f -> ((ClientFrame.Send) f).cid()).toList();
        assertThat(cids).doesNotHaveDuplicates().doesNotContainNull().endsWith("my-cid");
        assertThat(cids.get(0)).hasSizeLessThanOrEqualTo(64);
    }

    @Test
    void send_ackArrives_completesWithTheAck() {
        FakeTransport.ServerSide server = h.connect();
        CompletableFuture<ServerFrame.Ack> f = h.client.send("red", "hi", "c1");

        server.receive(new ServerFrame.Ack(server.lastFrame().ref(), "red", 12, "c1"));

        assertThat(f.join().seq()).isEqualTo(12);
    }

    @Test
    void send_invalidCid_failsFast() {
        assertThatThrownBy(() -> h.client.send("red", "hi", ""))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("cid");
        assertThatThrownBy(() -> h.client.send("red", "hi", "x".repeat(65)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("65");
    }

    @Test
    void send_frameLargerThanServerLimit_failsWithoutWriting() {
        FakeTransport.ServerSide server = h.connect();

        CompletableFuture<ServerFrame.Ack> f = h.client.send("red", "é".repeat(40_000));

        assertThatThrownBy(f::get).hasCauseInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("65536");
        assertThat(server.written).isEmpty();
    }

    @Test
    void requests_beforeConnect_failWithIllegalState() {
        assertThat(h.client.ping()).isCompletedExceptionally();
        assertThat(h.client.send("red", "hi")).isCompletedExceptionally();
        assertThatThrownBy(() -> h.client.typing("red").get()).hasCauseInstanceOf(IllegalStateException.class)
                .hasMessageContaining("NEW");
    }

    @Test
    void typing_connected_writesAFrameWithoutRefAndCompletes() {
        FakeTransport.ServerSide server = h.connect();

        CompletableFuture<Void> f = h.client.typing("red");

        assertThat(f).isCompleted();
        assertThat(server.lastFrame()).isEqualTo(new ClientFrame.Typing(null, "red"));
    }

    @Test
    void history_reply_completesAndBadArgumentsFailFast() {
        FakeTransport.ServerSide server = h.connect();
        CompletableFuture<ServerFrame.History> f = h.client.history("red", 10L, 5);
        ClientFrame.History request = server.last(ClientFrame.History.class);

        server.receive(new ServerFrame.History(request.ref(), "red", List.of(message("red", 9)), true));

        assertThat(request.before()).isEqualTo(10L);
        assertThat(request.limit()).isEqualTo(5);
        assertThat(f.join().messages()).hasSize(1);
        assertThatThrownBy(() -> h.client.history("red", null, 0)).hasMessage("limit must be between 1 and 100, was 0");
        assertThatThrownBy(() -> h.client.history("red", -1L, 5)).hasMessageContaining("before");
    }

    @Test
    void reply_ofTheWrongType_failsTheRequest() {
        FakeTransport.ServerSide server = h.connect();
        CompletableFuture<ServerFrame.Pong> f = h.client.ping();

        server.receive(new ServerFrame.History(server.lastFrame().ref(), "red", List.of(), true));

        assertThatThrownBy(f::get).hasCauseInstanceOf(IllegalStateException.class).hasMessageContaining("ping");
    }

    // ---------------------------------------------------------------- inbound frames

    @Test
    void entries_duplicateOrOlderSeq_areDeliveredOnce() {
        FakeTransport.ServerSide server = h.connect();
        h.join(server, "red", 5, "e1");

        server.receive(message("red", 5));
        server.receive(system("red", 6));
        server.receive(message("red", 7));
        server.receive(message("red", 7));
        server.receive(message("red", 6));
        server.receive(message("red", 8));

        assertThat(h.events.seqs()).containsExactly(6L, 7L, 8L);
        assertThat(h.client.rooms().get("red").lastSeq()).isEqualTo(8);
    }

    @Test
    void entries_ofUntrackedRoom_arePassedOn() {
        FakeTransport.ServerSide server = h.connect();

        server.receive(message("elsewhere", 3));

        assertThat(h.events.events).contains("message elsewhere#3");
    }

    @Test
    void joined_history_isNotDeliveredAgainAsEntries() {
        FakeTransport.ServerSide server = h.connect();
        CompletableFuture<ServerFrame.Joined> f = h.client.join("red", "ada", (String) null);

        server.receive(joined(server.lastFrame().ref(), "red", 2, "e1", "tok",
                List.of(message("red", 1), system("red", 2)), null));

        assertThat(f.join().history()).hasSize(2);
        assertThat(h.events.entries).isEmpty();
        assertThat(h.client.rooms().get("red"))
                .isEqualTo(new JoinedRoom("red", ADA, 2, "e1", "tok"));
    }

    @Test
    void frames_presenceTypingAndErrorWithoutRef_reachTheListeners() {
        FakeTransport.ServerSide server = h.connect();

        server.receive(new ServerFrame.Presence("red", 2, List.of(BOB), List.of()));
        server.receive(new ServerFrame.TypingNotice("red", BOB));
        server.receive(new ServerFrame.Error(null, ErrorCode.RATE_LIMITED, "slow down"));
        server.receive(new ServerFrame.Error("unknown-ref", ErrorCode.NOT_JOINED, "late"));

        assertThat(h.events.events).containsSubsequence("presence red", "typing red", "error rate_limited",
                "error not_joined");
    }

    @Test
    void frames_unknownTypeOrMalformed_areSkipped() {
        FakeTransport.ServerSide server = h.connect();
        h.join(server, "red", 1, "e1");

        server.receiveRaw("{\"type\":\"something_new\",\"room\":\"red\"}");
        server.receiveRaw("{not json");
        server.receive(message("red", 2));

        assertThat(h.events.seqs()).containsExactly(2L);
        assertThat(h.client.state()).isEqualTo(ClientState.OPEN);
    }

    @Test
    void frames_processed_releaseTheReaderForTheNext() {
        FakeTransport.ServerSide server = h.connect();

        server.receive(message("red", 1));

        assertThat(server.readStages).allSatisfy(s -> assertThat(s.toCompletableFuture()).isCompleted());
    }

    @Test
    void listener_throws_otherListenersAndTheClientCarryOn() {
        RecordingListener second = new RecordingListener();
        h.client.addListener(new ClientListener() {
            @Override
            public void onMessage(Entry.Message message) {
                throw new IllegalStateException("listener bug");
            }
        });
        h.client.addListener(second);
        FakeTransport.ServerSide server = h.connect();
        h.join(server, "red", 0, "e1");

        server.receive(message("red", 1));
        server.receive(message("red", 2));

        assertThat(h.events.seqs()).containsExactly(1L, 2L);
        assertThat(second.seqs()).containsExactly(1L, 2L);
        assertThat(h.client.state()).isEqualTo(ClientState.OPEN);
    }

    @Test
    void removeListener_removed_receivesNothingMore() {
        FakeTransport.ServerSide server = h.connect();

        assertThat(h.client.removeListener(h.events)).isTrue();
        server.receive(message("red", 1));

        assertThat(h.events.entries).isEmpty();
        assertThat(h.client.removeListener(h.events)).isFalse();
    }

    @Test
    void left_serverInitiated_untracksTheRoomAndNotifies() {
        FakeTransport.ServerSide server = h.connect();
        h.join(server, "red", 1, "e1");

        server.receive(new ServerFrame.Left(null, "red", "kicked"));

        assertThat(h.client.rooms()).isEmpty();
        assertThat(h.events.lefts).extracting(ServerFrame.Left::reason).containsExactly("kicked");
    }

    @Test
    void leave_reply_completesAndUntracksTheRoom() {
        FakeTransport.ServerSide server = h.connect();
        h.join(server, "red", 1, "e1");
        CompletableFuture<ServerFrame.Left> f = h.client.leave("red");

        server.receive(new ServerFrame.Left(server.lastFrame().ref(), "red", null));

        assertThat(f.join().reason()).isNull();
        assertThat(h.client.rooms()).isEmpty();
    }

    // ---------------------------------------------------------------- close

    @Test
    void close_open_sendsNormalClosureOnceAndClosesOnTheEcho() {
        FakeTransport.ServerSide server = h.connect();
        CompletableFuture<ServerFrame.Pong> pending = h.client.ping();

        h.client.close();
        h.client.close();

        assertThat(server.closeCode).isEqualTo(1000);
        assertThat(pending).isCompletedExceptionally();
        assertThat(h.client.state()).isEqualTo(ClientState.OPEN);
        server.serverClose(1000, "");
        assertThat(h.client.state()).isEqualTo(ClientState.CLOSED);
        assertThat(h.client.closed()).isCompletedWithValue(new CloseStatus(1000, ""));
        assertThat(h.events.closes).containsExactly(new CloseStatus(1000, ""));
        assertThat(h.client.ping()).isCompletedExceptionally();
    }

    @Test
    void close_serverDoesNotAnswer_abortsAfterTheTimeout() {
        FakeTransport.ServerSide server = h.connect();

        h.client.close();
        h.loop.advance(Duration.ofSeconds(10));

        assertThat(server.aborted).isTrue();
        assertThat(h.client.closed()).isCompletedWithValueMatching(s -> s.code() == CloseStatus.ABNORMAL);
    }

    @Test
    void close_beforeConnect_closesAtOnceAndConnectFails() {
        h.client.close();

        assertThat(h.client.state()).isEqualTo(ClientState.CLOSED);
        assertThat(h.client.connect()).isCompletedExceptionally();
        assertThat(h.transport.attempts).isEmpty();
    }

    @Test
    void close_whileConnecting_abortsTheLateConnection() {
        CompletableFuture<Void> connected = h.client.connect();

        h.client.close();
        FakeTransport.ServerSide late = h.transport.lastAttempt().open();

        assertThat(connected).isCompletedExceptionally();
        assertThat(late.aborted).isTrue();
    }

    @Test
    void serverClose_withoutReconnect_closesAndFailsPendingRequests() {
        FakeTransport.ServerSide server = h.connect();
        CompletableFuture<ServerFrame.Ack> send = h.client.send("red", "hi");

        server.serverClose(1001, "server shutting down");

        assertThatThrownBy(send::get).hasCauseInstanceOf(IOException.class);
        assertThat(h.client.state()).isEqualTo(ClientState.CLOSED);
        assertThat(h.client.lastClose()).contains(new CloseStatus(1001, "server shutting down"));
        assertThat(h.transport.attempts).hasSize(1);
    }
}
