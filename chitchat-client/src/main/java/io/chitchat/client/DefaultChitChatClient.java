package io.chitchat.client;

import io.chitchat.protocol.ClientFrame;
import io.chitchat.protocol.ProtocolCodec;
import io.chitchat.protocol.ProtocolException;
import io.chitchat.protocol.ServerFrame;
import io.chitchat.spi.Scheduler;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.DoubleSupplier;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The client: a state machine owned by one {@link EventLoop}. Every field below the published ones is read and
 * written only on that loop; public methods hand their work to it, and transport callbacks are turned into loop
 * tasks tagged with the generation of the connection they belong to, so that late callbacks of an earlier
 * connection are ignored.
 */
final class DefaultChitChatClient implements ChitChatClient {
    private static final Logger LOG = LoggerFactory.getLogger(DefaultChitChatClient.class);
    static final int NORMAL_CLOSURE = 1000;
    static final int MAX_HISTORY_PAGE = 100;
    static final int MAX_CID_LENGTH = 64;

    private final URI uri;
    private final List<Map.Entry<String, String>> headers;
    private final Duration connectTimeout;
    private final ReconnectPolicy reconnect;
    private final Transport transport;
    private final EventLoop loop;
    private final DoubleSupplier random;
    private final ProtocolCodec codec = new ProtocolCodec();
    private final Listeners listeners;
    private final FrameDispatcher dispatcher;
    private final String cidPrefix = Long.toString(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE, 36);
    private final AtomicLong lastCid = new AtomicLong();

    // published: readable from any thread
    private volatile ClientState state = ClientState.NEW;
    private volatile ServerFrame.Welcome welcome;
    private volatile CloseStatus lastClose;
    private final CompletableFuture<Void> connected = new CompletableFuture<>();
    private final CompletableFuture<CloseStatus> closed = new CompletableFuture<>();

    // confined to the event loop
    private final Requests requests;
    private final RoomTracker rooms = new RoomTracker();
    private Transport.Connection connection;
    private int generation;
    private boolean welcomed;
    private ServerFrame.Error refusal;
    private boolean closing;
    private int attempts;
    private Scheduler.Cancellable connectTimer;
    private Scheduler.Cancellable reconnectTimer;
    private Scheduler.Cancellable closeTimer;

    DefaultChitChatClient(ChitChatClientBuilder b, Transport transport, EventLoop loop, DoubleSupplier random) {
        this.uri = b.uri;
        this.headers = List.copyOf(b.headers);
        this.connectTimeout = b.connectTimeout;
        this.reconnect = b.reconnect;
        this.transport = transport;
        this.loop = loop;
        this.random = random;
        this.listeners = new Listeners(b.listeners);
        this.requests = new Requests(loop, b.requestTimeout);
        this.dispatcher = new FrameDispatcher(uri, requests, rooms, listeners);
    }

    // ---------------------------------------------------------------- public API

    @Override
    public CompletableFuture<Void> connect() {
        boolean accepted = submit(() -> {
            if (state == ClientState.NEW && !closing) {
                setState(ClientState.CONNECTING);
                open();
            }
        });
        return accepted ? connected.copy() : CompletableFuture.failedFuture(notConnected());
    }

    @Override
    public ClientState state() {
        return state;
    }

    @Override
    public Optional<ServerFrame.Welcome> welcome() {
        return Optional.ofNullable(welcome);
    }

    @Override
    public CompletableFuture<ServerFrame.Joined> create(String room, String name, String password) {
        Objects.requireNonNull(name, "name");
        return request(ref -> new ClientFrame.Create(ref, room, name, password), ServerFrame.Joined.class);
    }

    @Override
    public CompletableFuture<ServerFrame.Joined> join(String room, String name) {
        return join(room, name, JoinOptions.none());
    }

    @Override
    public CompletableFuture<ServerFrame.Joined> join(String room, String name, String password) {
        return join(room, name, JoinOptions.none().withPassword(password));
    }

    @Override
    public CompletableFuture<ServerFrame.Joined> join(String room, String name, JoinOptions options) {
        Objects.requireNonNull(room, "room");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(options, "options");
        return request(ref -> new ClientFrame.Join(ref, room, name, options.password(), options.since(),
                options.epoch(), options.resume()), ServerFrame.Joined.class);
    }

    @Override
    public CompletableFuture<ServerFrame.Ack> send(String room, String text) {
        return send(room, text, cidPrefix + "-" + Long.toString(lastCid.incrementAndGet(), 36));
    }

    @Override
    public CompletableFuture<ServerFrame.Ack> send(String room, String text, String cid) {
        Objects.requireNonNull(room, "room");
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(cid, "cid");
        if (cid.isEmpty() || cid.length() > MAX_CID_LENGTH) {
            throw new IllegalArgumentException("cid must be 1 to " + MAX_CID_LENGTH + " characters, was "
                    + cid.length());
        }
        return request(ref -> new ClientFrame.Send(ref, room, text, cid), ServerFrame.Ack.class);
    }

    @Override
    public CompletableFuture<Void> typing(String room) {
        Objects.requireNonNull(room, "room");
        CompletableFuture<Void> future = new CompletableFuture<>();
        run(future, () -> {
            if (closing || state != ClientState.OPEN || connection == null) {
                future.completeExceptionally(notConnected());
                return;
            }
            connection.send(codec.encode(new ClientFrame.Typing(null, room))).whenComplete((v, e) -> {
                Runnable settle = () -> {
                    if (e == null) {
                        future.complete(null);
                    } else {
                        future.completeExceptionally(e);
                    }
                };
                if (!submit(settle)) {
                    settle.run();
                }
            });
        });
        return future;
    }

    @Override
    public CompletableFuture<ServerFrame.Left> leave(String room) {
        Objects.requireNonNull(room, "room");
        return request(ref -> new ClientFrame.Leave(ref, room), ServerFrame.Left.class);
    }

    @Override
    public CompletableFuture<ServerFrame.History> history(String room, Long before, int limit) {
        Objects.requireNonNull(room, "room");
        if (before != null && before < 0) {
            throw new IllegalArgumentException("before must not be negative, was " + before);
        }
        if (limit < 1 || limit > MAX_HISTORY_PAGE) {
            throw new IllegalArgumentException("limit must be between 1 and " + MAX_HISTORY_PAGE + ", was " + limit);
        }
        return request(ref -> new ClientFrame.History(ref, room, before, limit), ServerFrame.History.class);
    }

    @Override
    public CompletableFuture<ServerFrame.Pong> ping() {
        return request(ClientFrame.Ping::new, ServerFrame.Pong.class);
    }

    @Override
    public Map<String, JoinedRoom> rooms() {
        return rooms.snapshot();
    }

    @Override
    public void addListener(ClientListener listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
    }

    @Override
    public boolean removeListener(ClientListener listener) {
        return listeners.remove(listener);
    }

    @Override
    public Optional<CloseStatus> lastClose() {
        return Optional.ofNullable(lastClose);
    }

    @Override
    public CompletableFuture<CloseStatus> closed() {
        return closed.copy();
    }

    @Override
    public void close() {
        submit(() -> {
            if (closing || state == ClientState.CLOSED) {
                return;
            }
            closing = true;
            cancel(reconnectTimer);
            requests.failAll(new IllegalStateException("the client was closed"));
            Transport.Connection c = connection;
            if (c == null) {
                finish(new CloseStatus(NORMAL_CLOSURE, "closed by the client"));
                return;
            }
            c.close(NORMAL_CLOSURE, "");
            closeTimer = loop.schedule(() -> finish(new CloseStatus(CloseStatus.ABNORMAL,
                    "the server did not answer the close")), connectTimeout);
        });
    }

    @Override
    public String toString() {
        return "ChitChatClient[" + uri + ", " + state + "]";
    }

    // ---------------------------------------------------------------- requests

    /** Registers and writes a request; a send made while reconnecting waits in the outbox. */
    private <T extends ServerFrame> CompletableFuture<T> request(Function<String, ClientFrame> make,
                                                                 Class<T> replyType) {
        CompletableFuture<T> future = new CompletableFuture<>();
        run(future, () -> {
            ClientState now = state;
            if (closing || now == ClientState.CLOSED) {
                future.completeExceptionally(notConnected());
                return;
            }
            ClientFrame frame = make.apply(requests.nextRef());
            boolean toOutbox = now == ClientState.RECONNECTING && frame instanceof ClientFrame.Send;
            if (now != ClientState.OPEN && !toOutbox) {
                future.completeExceptionally(notConnected());
                return;
            }
            String text = codec.encode(frame);
            String tooLarge = Frames.checkSize(frame, text, welcome);
            if (tooLarge != null) {
                future.completeExceptionally(new IllegalArgumentException(tooLarge));
                return;
            }
            requests.add(frame, replyType, future, false);
            if (!toOutbox) {
                write(text);
            }
        });
        return future;
    }

    private void write(String text) {
        Transport.Connection c = connection;
        if (c == null) {
            return;
        }
        c.send(text).whenComplete((v, e) -> {
            if (e != null) {
                LOG.debug("A frame could not be written to {}: {}", uri, e.toString());
            }
        });
    }

    // ---------------------------------------------------------------- connection life cycle

    private void open() {
        int gen = ++generation;
        welcomed = false;
        refusal = null;
        connection = null;
        connectTimer = loop.schedule(() -> connectFailed(gen, new TimeoutException("no welcome from " + uri
                + " within " + connectTimeout.toMillis() + " ms")), connectTimeout);
        CompletableFuture<Void> attempt;
        try {
            attempt = transport.connect(uri, headers, new Handler(gen));
        } catch (RuntimeException e) {
            attempt = CompletableFuture.failedFuture(e);
        }
        attempt.whenComplete((v, e) -> {
            if (e != null) {
                submit(() -> connectFailed(gen, unwrap(e)));
            }
        });
    }

    private void opened(int gen, Transport.Connection c) {
        if (gen != generation) {
            c.abort();
            return;
        }
        connection = c;
    }

    private void connectFailed(int gen, Throwable error) {
        if (gen != generation || welcomed) {
            return;
        }
        generation++;
        cancel(connectTimer);
        Transport.Connection c = connection;
        connection = null;
        if (c != null) {
            c.abort();
        }
        if (state == ClientState.CONNECTING) {
            LOG.debug("Could not connect to {}", uri, error);
            connected.completeExceptionally(error);
            finish(new CloseStatus(CloseStatus.ABNORMAL, "could not connect: " + error));
        } else {
            LOG.info("Reconnecting to {} failed: {}", uri, error.toString());
            scheduleReconnect();
        }
    }

    private void received(String text) {
        ServerFrame frame;
        try {
            frame = codec.decodeServer(text);
        } catch (ProtocolException e) {
            // protocol v1 lets servers add frame types: what the client does not understand, it skips
            LOG.debug("Skipping a frame from {} that the client does not understand: {}", uri, e.getMessage());
            return;
        }
        if (!welcomed) {
            if (frame instanceof ServerFrame.Welcome w) {
                welcomed(w);
                return;
            }
            if (frame instanceof ServerFrame.Error e && e.ref() == null) {
                // the server refuses the connection (e.g. unauthorized) and will close it
                refusal = e;
                listeners.fire("onError", l -> l.onError(e));
                return;
            }
        }
        dispatcher.dispatch(frame);
    }

    private void welcomed(ServerFrame.Welcome w) {
        welcome = w;
        if (refusal != null) {
            // refused: the server closes the connection next; the connect timer stays as a backstop
            connected.completeExceptionally(refused());
            return;
        }
        welcomed = true;
        cancel(connectTimer);
        attempts = 0;
        boolean reconnected = state == ClientState.RECONNECTING;
        setState(ClientState.OPEN);
        listeners.fire("onWelcome", l -> l.onWelcome(w));
        if (reconnected) {
            rejoinAndResend();
        } else {
            connected.complete(null);
        }
    }

    private void connectionClosed(int gen, int code, String reason) {
        if (gen != generation) {
            return;
        }
        generation++;
        cancel(connectTimer);
        connection = null;
        welcomed = false;
        CloseStatus status = new CloseStatus(code, reason == null ? "" : reason);
        lastClose = status;
        if (closing) {
            LOG.debug("Connection to {} closed: {} {}", uri, code, status.reason());
        } else {
            LOG.info("Connection to {} closed: {} {}", uri, code, status.reason());
        }
        listeners.fire("onClose", l -> l.onClose(code, status.reason()));
        if (closing) {
            finish(status);
        } else if (state == ClientState.CONNECTING) {
            connected.completeExceptionally(refusal != null ? refused()
                    : new IOException("the connection to " + uri + " closed before the welcome: " + code + " "
                    + status.reason()));
            finish(status);
        } else if (reconnect != null && ReconnectPolicy.retryable(code)) {
            requests.connectionLost(new IOException("the connection was lost (" + code + ") before the reply"),
                    true);
            setState(ClientState.RECONNECTING);
            scheduleReconnect();
        } else {
            requests.failAll(new IOException("the connection closed (" + code + " " + status.reason()
                    + ") before the reply"));
            finish(status);
        }
    }

    private void scheduleReconnect() {
        int attempt = ++attempts;
        if (attempt > reconnect.maxAttempts()) {
            LOG.warn("Giving up on {} after {} reconnect attempts", uri, attempt - 1);
            CloseStatus last = lastClose;
            requests.failAll(new IOException("could not reconnect to " + uri));
            finish(last != null ? last : new CloseStatus(CloseStatus.ABNORMAL, "could not reconnect"));
            return;
        }
        Duration delay = reconnect.delay(attempt, random.getAsDouble());
        LOG.info("Reconnecting to {} in {} ms (attempt {})", uri, delay.toMillis(), attempt);
        reconnectTimer = loop.schedule(() -> {
            reconnectTimer = null;
            if (!closing && state == ClientState.RECONNECTING) {
                open();
            }
        }, delay);
    }

    /** After a reconnect: joins every room again, then writes the outbox (the server handles them in order). */
    private void rejoinAndResend() {
        for (RoomTracker.RoomState s : rooms.startRejoin()) {
            ClientFrame.Join join = RoomTracker.rejoinFrame(s, requests.nextRef());
            CompletableFuture<ServerFrame.Joined> rejoin = new CompletableFuture<>();
            rejoin.whenComplete((j, e) -> {
                if (e != null) {
                    rejoinFailed(s.room, e);
                }
            });
            requests.add(join, ServerFrame.Joined.class, rejoin, true);
            write(codec.encode(join));
        }
        List<Requests.Pending<?>> outbox = requests.outbox();
        if (!outbox.isEmpty()) {
            LOG.debug("Sending {} unacknowledged messages to {} again", outbox.size(), uri);
        }
        for (Requests.Pending<?> p : outbox) {
            write(codec.encode(p.frame));
        }
    }

    private void rejoinFailed(String room, Throwable error) {
        if (error instanceof TimeoutException) {
            // no answer on this connection: most likely it is dead; a new one will try again
            LOG.info("No reply to the re-join of room {} on {}; dropping the connection", room, uri);
            Transport.Connection c = connection;
            if (c != null) {
                c.abort();
                connectionClosed(generation, CloseStatus.ABNORMAL, "no reply to a re-join");
            }
            return;
        }
        rooms.remove(room);
        LOG.info("Could not join room {} on {} again: {}", room, uri, error.getMessage());
        listeners.fire("onRejoinFailed", l -> l.onRejoinFailed(room, error));
    }

    /** Ends the client for good. */
    private void finish(CloseStatus status) {
        if (state == ClientState.CLOSED) {
            return;
        }
        closing = true;
        generation++;
        cancel(connectTimer);
        cancel(reconnectTimer);
        cancel(closeTimer);
        Transport.Connection c = connection;
        connection = null;
        welcomed = false;
        if (c != null) {
            c.abort();
        }
        requests.failAll(new IllegalStateException("the client was closed"));
        lastClose = status;
        connected.completeExceptionally(new IllegalStateException("the client was closed before it connected"));
        setState(ClientState.CLOSED);
        closed.complete(status);
        loop.shutdown();
    }

    // ---------------------------------------------------------------- helpers

    private void setState(ClientState next) {
        ClientState previous = state;
        if (previous == next) {
            return;
        }
        state = next;
        LOG.debug("Client of {}: {} -> {}", uri, previous, next);
        listeners.fire("onStateChange", l -> l.onStateChange(previous, next));
    }

    /** Runs a task on the loop; false if the loop is shut down (the client is closed). */
    private boolean submit(Runnable task) {
        try {
            loop.execute(task);
            return true;
        } catch (RejectedExecutionException e) {
            return false;
        }
    }

    private void run(CompletableFuture<?> future, Runnable task) {
        if (!submit(task)) {
            future.completeExceptionally(notConnected());
        }
    }

    private IllegalStateException notConnected() {
        return new IllegalStateException(closing || state == ClientState.CLOSED ? "the client is closed"
                : "the client is not connected (" + state + ")");
    }

    private ChitChatClientException refused() {
        return new ChitChatClientException(refusal.code(), refusal.message());
    }

    private static void cancel(Scheduler.Cancellable timer) {
        if (timer != null) {
            timer.cancel();
        }
    }

    private static Throwable unwrap(Throwable t) {
        while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }

    /** The handler of one connection attempt: turns its callbacks into loop tasks of that generation. */
    private final class Handler implements Transport.Handler {
        private final int gen;

        Handler(int gen) {
            this.gen = gen;
        }

        @Override
        public void onOpen(Transport.Connection c) {
            if (!submit(() -> opened(gen, c))) {
                c.abort();
            }
        }

        @Override
        public CompletionStage<?> onText(String text) {
            CompletableFuture<Void> done = new CompletableFuture<>();
            boolean accepted = submit(() -> {
                try {
                    if (gen == generation) {
                        received(text);
                    }
                } finally {
                    done.complete(null);
                }
            });
            if (!accepted) {
                done.complete(null);
            }
            return done;
        }

        @Override
        public void onClose(int code, String reason) {
            submit(() -> connectionClosed(gen, code, reason));
        }
    }
}
