package io.chitchat.client;

import static org.assertj.core.api.Assertions.assertThat;

import io.chitchat.protocol.ClientFrame;
import io.chitchat.protocol.Entry;
import io.chitchat.protocol.Member;
import io.chitchat.protocol.ServerFrame;
import java.net.URI;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/** A {@link DefaultChitChatClient} on a {@link ManualEventLoop} and a {@link FakeTransport}, with frame makers. */
final class ClientHarness {
    static final URI ENDPOINT = URI.create("ws://chat.example/ws");
    static final Member ADA = new Member("m-ada", "ada");
    static final Member BOB = new Member("m-bob", "bob");

    final ManualEventLoop loop = new ManualEventLoop();
    final FakeTransport transport = new FakeTransport();
    final RecordingListener events = new RecordingListener();
    /** What the client draws for its backoff jitter. */
    double random;
    final DefaultChitChatClient client;

    ClientHarness() {
        this(b -> { });
    }

    ClientHarness(Consumer<ChitChatClientBuilder> config) {
        ChitChatClientBuilder b = ChitChatClient.builder(ENDPOINT).listener(events);
        config.accept(b);
        client = new DefaultChitChatClient(b, transport, loop, () -> random);
    }

    /** Connects and answers with a welcome; returns the server's side of the connection. */
    FakeTransport.ServerSide connect() {
        CompletableFuture<Void> connected = client.connect();
        FakeTransport.ServerSide server = transport.lastAttempt().open();
        server.welcome();
        assertThat(connected).isCompleted();
        return server;
    }

    /** Joins {@code room} as ada; the server answers with a joined at {@code seq} of run {@code epoch}. */
    ServerFrame.Joined join(FakeTransport.ServerSide server, String room, long seq, String epoch) {
        CompletableFuture<ServerFrame.Joined> f = client.join(room, "ada", "secret");
        ClientFrame.Join request = server.last(ClientFrame.Join.class);
        ServerFrame.Joined reply = joined(request.ref(), room, seq, epoch, "token-" + room, List.of(), null);
        server.receive(reply);
        assertThat(f).isCompleted();
        return f.join();
    }

    static ServerFrame.Joined joined(String ref, String room, long seq, String epoch, String resume,
                                     List<Entry> history, Boolean recovered) {
        return new ServerFrame.Joined(ref, room, false, ADA, List.of(ADA, BOB), 2, history, seq, epoch, recovered,
                resume);
    }

    static Entry.Message message(String room, long seq) {
        return new Entry.Message(room, seq, 1_000 + seq, BOB, "text " + seq, null);
    }

    static Entry.SystemEvent system(String room, long seq) {
        return new Entry.SystemEvent(room, seq, 1_000 + seq, Entry.SystemEvent.JOIN, BOB);
    }
}
