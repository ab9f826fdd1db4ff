package io.chitchat.client;

import io.chitchat.protocol.ClientFrame;
import io.chitchat.protocol.ProtocolCodec;
import io.chitchat.protocol.ServerFrame;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/** A {@link Transport} for tests: each connect is an {@link Attempt} the test opens or fails by hand. */
final class FakeTransport implements Transport {
    static final ProtocolCodec CODEC = new ProtocolCodec();

    final List<Attempt> attempts = new ArrayList<>();

    @Override
    public CompletableFuture<Void> connect(URI uri, List<Map.Entry<String, String>> headers, Handler handler) {
        Attempt a = new Attempt(uri, headers, handler);
        attempts.add(a);
        return a.result;
    }

    Attempt lastAttempt() {
        return attempts.get(attempts.size() - 1);
    }

    /** One connection attempt. */
    static final class Attempt {
        final URI uri;
        final List<Map.Entry<String, String>> headers;
        final Handler handler;
        final CompletableFuture<Void> result = new CompletableFuture<>();

        Attempt(URI uri, List<Map.Entry<String, String>> headers, Handler handler) {
            this.uri = uri;
            this.headers = headers;
            this.handler = handler;
        }

        /** The handshake succeeds: the returned connection plays the server. */
        ServerSide open() {
            ServerSide s = new ServerSide(handler);
            handler.onOpen(s);
            result.complete(null);
            return s;
        }

        void fail(Throwable error) {
            result.completeExceptionally(error);
        }
    }

    /** The client's connection, seen from the server: records what the client writes, injects what it reads. */
    static final class ServerSide implements Connection {
        final Handler handler;
        final List<String> written = new ArrayList<>();
        Integer closeCode;
        boolean aborted;
        final List<CompletionStage<?>> readStages = new ArrayList<>();

        ServerSide(Handler handler) {
            this.handler = handler;
        }

        @Override
        public CompletableFuture<Void> send(String text) {
            if (aborted || closeCode != null) {
                return CompletableFuture.failedFuture(new IllegalStateException("closed"));
            }
            written.add(text);
            return CompletableFuture.completedFuture(null);
        }

        @Override
        public void close(int code, String reason) {
            closeCode = code;
        }

        @Override
        public void abort() {
            aborted = true;
        }

        /** The server sends a frame. */
        void receive(ServerFrame frame) {
            receiveRaw(CODEC.encode(frame));
        }

        void receiveRaw(String json) {
            readStages.add(handler.onText(json));
        }

        void welcome() {
            receive(new ServerFrame.Welcome(1, "chitchat/test", new ServerFrame.Limits(4000, 65536, 10, 20)));
        }

        /** The server closes the connection (or it drops, with 1006). */
        void serverClose(int code, String reason) {
            handler.onClose(code, reason);
        }

        List<ClientFrame> frames() {
            return written.stream().map(CODEC::decodeClient).toList();
        }

        ClientFrame lastFrame() {
            List<ClientFrame> f = frames();
            return f.get(f.size() - 1);
        }

        <T extends ClientFrame> T last(Class<T> type) {
            List<ClientFrame> f = frames();
            for (int i = f.size() - 1; i >= 0; i--) {
                if (type.isInstance(f.get(i))) {
                    return type.cast(f.get(i));
                }
            }
            throw new AssertionError("no " + type.getSimpleName() + " was written: " + written);
        }
    }
}
