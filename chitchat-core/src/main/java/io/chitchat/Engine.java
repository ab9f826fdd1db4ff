package io.chitchat;

import io.chitchat.protocol.ClientFrame;
import io.chitchat.protocol.Entry;
import io.chitchat.protocol.ErrorCode;
import io.chitchat.protocol.Member;
import io.chitchat.protocol.ProtocolCodec;
import io.chitchat.protocol.ProtocolException;
import io.chitchat.protocol.ServerFrame;
import io.chitchat.spi.AuthResult;
import io.chitchat.spi.Authenticator;
import io.chitchat.spi.Broker;
import io.chitchat.spi.BrokerListener;
import io.chitchat.spi.HistoryStore;
import io.chitchat.spi.InboundHandler;
import io.chitchat.spi.MessageFilter;
import io.chitchat.spi.OutboundFrame;
import io.chitchat.spi.PasswordHasher;
import io.chitchat.spi.RoomRecord;
import io.chitchat.spi.RoomRegistry;
import io.chitchat.spi.Scheduler;
import io.chitchat.spi.TransportConnection;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The engine behind {@link ChitChat}: dispatches requests to rooms and owns every shared service. */
final class Engine implements ChitChat, BrokerListener {
    private static final Logger LOG = LoggerFactory.getLogger(Engine.class);
    private static final int CREATE_ATTEMPTS = 5;

    private enum State { NEW, RUNNING, CLOSED }

    final ChitChatConfig config;
    final Clock clock;
    final Scheduler scheduler;
    final Executor workers;
    final ProtocolCodec codec = new ProtocolCodec();
    final HistoryStore history;
    final Broker broker;
    final RoomRegistry registry;
    final PasswordService passwords;
    final ResumeTokens tokens;
    final Authenticator authenticator;
    final MessageFilter filter;
    final Rules rules;
    final Listeners listeners = new Listeners();
    final ConcurrentHashMap<String, Room> rooms = new ConcurrentHashMap<>();
    final AtomicLong slowConsumers = new AtomicLong();

    private final boolean ownsScheduler;
    private final ExecutorService ownedWorkers;
    private final Set<Session> sessions = ConcurrentHashMap.newKeySet();
    private final ConcurrentHashMap<String, AtomicInteger> perAddress = new ConcurrentHashMap<>();
    private final AtomicLong connectionIds = new AtomicLong();
    private final AtomicReference<State> state = new AtomicReference<>(State.NEW);
    private final OutboundFrame welcome;
    private final Scheduler.Cancellable[] sweeper = new Scheduler.Cancellable[1];
    private volatile long startedAt;

    Engine(ChitChatBuilder b) {
        this.config = b.config();
        this.clock = b.clock;
        this.ownsScheduler = b.scheduler == null;
        this.scheduler = ownsScheduler ? Scheduler.systemScheduler("chitchat-timer") : b.scheduler;
        if (b.executor == null) {
            AtomicInteger n = new AtomicInteger();
            ownedWorkers = Executors.newFixedThreadPool(config.workerThreads(), r -> {
                Thread t = new Thread(r, "chitchat-worker-" + n.incrementAndGet());
                t.setDaemon(true);
                return t;
            });
            workers = ownedWorkers;
        } else {
            ownedWorkers = null;
            workers = b.executor;
        }
        this.history = b.historyStore != null ? b.historyStore : HistoryStore.inMemory(config.historyRetention());
        this.broker = b.brokerFactory != null ? b.brokerFactory.apply(history) : Broker.local(history);
        this.registry = b.roomRegistry != null ? b.roomRegistry : RoomRegistry.inMemory();
        PasswordHasher hasher = b.passwordHasher != null ? b.passwordHasher : PasswordHasher.pbkdf2();
        this.passwords = new PasswordService(hasher, config.passwordThreads(), config.passwordQueue(),
                config.passwordFailures(), clock);
        byte[] key = b.resumeKey;
        if (key == null) {
            key = new byte[32];
            new SecureRandom().nextBytes(key);
        }
        this.tokens = new ResumeTokens(key);
        this.authenticator = b.authenticator;
        this.filter = b.messageFilter;
        this.rules = new Rules(config.maxTextLength());
        b.listeners.forEach(listeners::add);
        this.welcome = OutboundFrame.of(codec.encode(new ServerFrame.Welcome(ProtocolCodec.PROTOCOL_VERSION,
                config.serverName(), new ServerFrame.Limits(config.maxTextLength(), config.maxFrameBytes(),
                        config.sendRate(), config.sendBurst()))));
    }

    // ---------------------------------------------------------------- lifecycle

    @Override
    public ChitChat start() {
        if (state.compareAndSet(State.NEW, State.RUNNING)) {
            startedAt = clock.millis();
            broker.start(this);
            scheduleSweep();
            LOG.info("ChitChat engine started ({})", config.serverName());
        }
        return this;
    }

    private void scheduleSweep() {
        sweeper[0] = scheduler.schedule(() -> {
            passwords.sweep();
            if (state.get() == State.RUNNING) {
                scheduleSweep();
            }
        }, Duration.ofMinutes(1));
    }

    @Override
    public void close() {
        if (state.getAndSet(State.CLOSED) == State.CLOSED) {
            return;
        }
        for (Session s : sessions) {
            s.close(1001, "server shutting down");
        }
        if (sweeper[0] != null) {
            sweeper[0].cancel();
        }
        broker.close();
        passwords.close();
        if (ownsScheduler) {
            scheduler.close();
        }
        if (ownedWorkers != null) {
            ownedWorkers.shutdown();
        }
        LOG.info("ChitChat engine closed");
    }

    @Override
    public ChitChatConfig config() {
        return config;
    }

    @Override
    public boolean isRunning() {
        return state.get() == State.RUNNING;
    }

    // ---------------------------------------------------------------- connections

    @Override
    public InboundHandler open(TransportConnection connection) {
        String connectionId = Long.toString(connectionIds.incrementAndGet(), 36);
        if (state.get() != State.RUNNING) {
            connection.close(1001, "server not running");
            return Closed.INSTANCE;
        }
        AuthResult auth;
        try {
            auth = authenticator.authenticate(connection.handshake());
        } catch (RuntimeException e) {
            LOG.warn("Authenticator failed for a connection from {}", connection.handshake().remoteAddress(), e);
            auth = AuthResult.deny("authentication failed");
        }
        String address = connection.handshake().remoteAddress();
        if (auth instanceof AuthResult.Deny deny) {
            LOG.debug("Refused connection from {}: {}", address, deny.reason());
            refuse(connection, ErrorCode.UNAUTHORIZED, deny.reason(), 1008);
            return Closed.INSTANCE;
        }
        boolean[] admitted = new boolean[1];
        // check and count in one atomic step: a concurrent close must not drop the counter in between
        perAddress.compute(address, (a, count) -> {
            AtomicInteger c = count == null ? new AtomicInteger() : count;
            if (c.get() < config.maxConnectionsPerAddress()) {
                c.incrementAndGet();
                admitted[0] = true;
            }
            return c.get() == 0 ? null : c;
        });
        if (!admitted[0]) {
            refuse(connection, ErrorCode.LIMIT_REACHED, "too many connections from your address (limit "
                    + config.maxConnectionsPerAddress() + ")", 1008);
            return Closed.INSTANCE;
        }
        Session session = new Session(this, connection, connectionId, (AuthResult.Admit) auth);
        sessions.add(session);
        session.send(welcome);
        LOG.debug("Opened {}", session);
        return session;
    }

    private void refuse(TransportConnection connection, ErrorCode code, String message, int closeCode) {
        connection.send(welcome, failure -> { });
        connection.send(OutboundFrame.of(codec.encode(new ServerFrame.Error(null, code, message))), failure -> { });
        connection.close(closeCode, code.wire());
    }

    void sessionClosed(Session s) {
        sessions.remove(s);
        perAddress.computeIfPresent(s.address, (a, c) -> c.decrementAndGet() <= 0 ? null : c);
        for (String roomId : s.memberships.keySet()) {
            Room r = rooms.get(roomId);
            if (r != null) {
                r.executor.execute(() -> r.detach(s));
            }
        }
        LOG.debug("Closed {}", s);
    }

    // ---------------------------------------------------------------- requests

    /** Handles a request; returns a future when later requests of the connection must wait for it. */
    CompletableFuture<?> handle(Session s, ClientFrame frame) {
        if (frame instanceof ClientFrame.Send send) {
            String ref = send.ref();
            String text = rules.text(send.text(), ref);
            String cid = Rules.cid(send.cid(), ref);
            Room r = joinedRoom(s, send.room(), ref);
            r.run(s, ref, () -> r.send(s, ref, text, cid));
            return null;
        }
        if (frame instanceof ClientFrame.Typing t) {
            Room r = joinedRoom(s, t.room(), t.ref());
            r.run(s, t.ref(), () -> r.typing(s, t.ref()));
            return null;
        }
        if (frame instanceof ClientFrame.Join j) {
            return join(s, j);
        }
        if (frame instanceof ClientFrame.Create c) {
            return create(s, c);
        }
        if (frame instanceof ClientFrame.Leave l) {
            Room r = joinedRoom(s, l.room(), l.ref());
            r.run(s, l.ref(), () -> r.leave(s, l.ref()));
            return null;
        }
        if (frame instanceof ClientFrame.History h) {
            Room r = joinedRoom(s, h.room(), h.ref());
            r.run(s, h.ref(), () -> r.history(s, h.ref(), h.before(), h.limit()));
            return null;
        }
        s.send(new ServerFrame.Pong(frame.ref()));
        return null;
    }

    private Room joinedRoom(Session s, String rawRoom, String ref) {
        String id = Rules.roomId(rawRoom, ref);
        Room r = rooms.get(id);
        if (r == null || !s.memberships.containsKey(id)) {
            throw new ProtocolException(ErrorCode.NOT_JOINED, ref, "not a member of room '" + id + "'");
        }
        return r;
    }

    private String displayName(Session s, String requested, String ref) {
        return Rules.name(s.user.name() != null ? s.user.name() : requested, ref);
    }

    private void checkRoomsPerConnection(Session s, String ref) {
        if (s.memberships.size() >= config.maxRoomsPerConnection()) {
            throw new ProtocolException(ErrorCode.LIMIT_REACHED, ref,
                    "a connection may be in at most " + config.maxRoomsPerConnection() + " rooms");
        }
    }

    private CompletableFuture<?> join(Session s, ClientFrame.Join j) {
        String ref = j.ref();
        String id = Rules.roomId(j.room(), ref);
        String name = displayName(s, j.name(), ref);
        String password = Rules.password(j.password(), ref);
        if (s.memberships.containsKey(id)) {
            throw new ProtocolException(ErrorCode.ALREADY_JOINED, ref, "already a member of room '" + id + "'");
        }
        checkRoomsPerConnection(s, ref);
        RoomRecord record = registry.find(id).orElseThrow(() ->
                new ProtocolException(ErrorCode.ROOM_NOT_FOUND, ref, "room '" + id + "' does not exist"));
        ResumeTokens.Claim claim = j.resume() == null ? null
                : tokens.verify(j.resume(), id, record.epoch(), clock.millis());
        if (claim == null && record.isProtected()) {
            if (password == null) {
                throw new ProtocolException(ErrorCode.PASSWORD_REQUIRED, ref, "room '" + id + "' needs a password");
            }
            String[] keys = {"c:" + s.id, "r:" + id + "|" + s.address};
            if (passwords.throttled(keys)) {
                throw new ProtocolException(ErrorCode.RATE_LIMITED, ref,
                        "too many wrong passwords; wait a minute before trying again");
            }
            return passwords.verify(password, record.passwordHash(), ref).thenComposeAsync(ok -> {
                if (!ok) {
                    passwords.recordFailure(keys);
                    throw new ProtocolException(ErrorCode.WRONG_PASSWORD, ref, "wrong password for room '" + id + "'");
                }
                return enter(s, record, ref, name, j.since(), j.epoch(), null);
            }, workers);
        }
        return enter(s, record, ref, name, j.since(), j.epoch(), claim);
    }

    private CompletableFuture<Void> enter(Session s, RoomRecord record, String ref, String name, Long since,
                                          String epoch, ResumeTokens.Claim claim) {
        Room r = activate(record);
        return r.call(() -> {
            r.join(s, ref, name, since, epoch, claim);
            return null;
        });
    }

    private CompletableFuture<?> create(Session s, ClientFrame.Create c) {
        String ref = c.ref();
        String name = displayName(s, c.name(), ref);
        String password = Rules.password(c.password(), ref);
        String id = c.room() == null ? null : Rules.roomId(c.room(), ref);
        checkRoomsPerConnection(s, ref);
        checkRoomCount(ref);
        if (id != null && registry.find(id).isPresent()) {
            throw new ProtocolException(ErrorCode.ROOM_EXISTS, ref, "room '" + id + "' exists already");
        }
        CompletableFuture<String> hash = password == null ? CompletableFuture.completedFuture(null)
                : passwords.hash(password, ref);
        return hash.thenComposeAsync(h -> {
            RoomRecord record = register(id, h, false, ref);
            return enter(s, record, ref, name, null, null, null);
        }, workers);
    }

    private void checkRoomCount(String ref) {
        if (registry.roomCount() >= config.maxRooms()) {
            throw new ProtocolException(ErrorCode.LIMIT_REACHED, ref,
                    "the server has reached its limit of " + config.maxRooms() + " rooms");
        }
    }

    /** Creates the room's record (a generated id when {@code id} is null) and announces the room. */
    private RoomRecord register(String id, String passwordHash, boolean permanent, String ref) {
        for (int attempt = 0; attempt < CREATE_ATTEMPTS; attempt++) {
            String roomId = id != null ? id : rules.generateRoomId();
            RoomRecord record = new RoomRecord(roomId, passwordHash, clock.millis(), permanent, rules.opaqueId());
            if (registry.create(record)) {
                activate(record);
                listeners.roomCreated(info(record, 0));
                LOG.debug("Created room {}", roomId);
                return record;
            }
            if (id != null) {
                break;
            }
        }
        throw new ProtocolException(ErrorCode.ROOM_EXISTS, ref, "room '" + id + "' exists already");
    }

    Room activate(RoomRecord record) {
        return rooms.compute(record.id(), (k, existing) ->
                existing != null && !existing.removed && existing.record().epoch().equals(record.epoch())
                        ? existing : new Room(this, record));
    }

    /** Removes a room everywhere: registry, history, the other nodes, listeners. Runs on the room's executor. */
    void removeRoom(Room room, String reason) {
        // forget the record first, so that a join racing with the removal finds no room to revive
        registry.remove(room.id);
        room.close(reason);
        history.clear(room.id);
        broker.roomRemoved(room.id, reason);
        listeners.roomRemoved(room.id);
        LOG.debug("Removed room {} ({})", room.id, reason);
    }

    TokenBucket sendBucket() {
        return new TokenBucket(config.sendRate(), config.sendBurst(), clock.millis());
    }

    // ---------------------------------------------------------------- broker

    @Override
    public void onEntry(Entry entry) {
        Room r = rooms.get(entry.room());
        if (r != null) {
            r.offer(entry);
        }
    }

    @Override
    public void onTyping(String room, Member member) {
        Room r = rooms.get(room);
        if (r != null) {
            r.executor.execute(() -> r.broadcastTyping(member));
        }
    }

    @Override
    public void onMemberAdopted(String room, String memberId) {
        Room r = rooms.get(room);
        if (r != null) {
            r.executor.execute(() -> r.release(memberId));
        }
    }

    @Override
    public void onRoomRemoved(String room, String reason) {
        Room r = rooms.get(room);
        if (r != null) {
            r.executor.execute(() -> r.close(reason));
        }
    }

    @Override
    public void onResync() {
        for (Room r : rooms.values()) {
            r.executor.execute(r::resync);
        }
    }

    // ---------------------------------------------------------------- server API

    @Override
    public List<RoomInfo> rooms() {
        List<RoomInfo> out = new ArrayList<>();
        for (String id : registry.roomIds()) {
            room(id).ifPresent(out::add);
        }
        return out;
    }

    @Override
    public Optional<RoomInfo> room(String id) {
        String roomId;
        try {
            roomId = Rules.roomId(id, null);
        } catch (ProtocolException e) {
            return Optional.empty();
        }
        return registry.find(roomId).map(r -> info(r, registry.members(roomId).size()));
    }

    private static RoomInfo info(RoomRecord r, int members) {
        return new RoomInfo(r.id(), r.isProtected(), r.permanent(), members, r.createdAt());
    }

    @Override
    public CompletableFuture<RoomInfo> createRoom(RoomOptions options) {
        String id;
        String password;
        try {
            id = options.id() == null ? null : Rules.roomId(options.id(), null);
            password = Rules.password(options.password(), null);
            checkRoomCount(null);
        } catch (ProtocolException e) {
            return CompletableFuture.failedFuture(new ChitChatException(e.code(), e.getMessage()));
        }
        CompletableFuture<String> hash = password == null ? CompletableFuture.completedFuture(null)
                : passwords.hash(password, null);
        return hash.thenApplyAsync(h -> info(register(id, h, options.permanent(), null), 0), workers)
                .exceptionallyCompose(Engine::asApiFailure);
    }

    @Override
    public CompletableFuture<Long> post(String roomId, String botName, String text) {
        return postAs(roomId, () -> new Member("bot:" + Rules.name(botName, null), Rules.name(botName, null)), text);
    }

    @Override
    public CompletableFuture<Long> notice(String roomId, String text) {
        return postAs(roomId, () -> Room.SYSTEM, text);
    }

    private CompletableFuture<Long> postAs(String roomId, java.util.function.Supplier<Member> from, String text) {
        Room r;
        Member member;
        try {
            member = from.get();
            rules.text(text, null);
            r = existingRoom(roomId);
        } catch (ProtocolException e) {
            return CompletableFuture.failedFuture(new ChitChatException(e.code(), e.getMessage()));
        }
        return r.call(() -> r.post(member, text)).exceptionallyCompose(Engine::asApiFailure);
    }

    @Override
    public CompletableFuture<Boolean> closeRoom(String roomId) {
        Room r;
        try {
            r = existingRoom(roomId);
        } catch (ProtocolException e) {
            return CompletableFuture.completedFuture(false);
        }
        return r.call(() -> {
            if (r.removed) {
                return false;
            }
            removeRoom(r, "room_closed");
            return true;
        });
    }

    @Override
    public CompletableFuture<Boolean> removeMember(String roomId, String memberId) {
        String id;
        try {
            id = Rules.roomId(roomId, null);
        } catch (ProtocolException e) {
            return CompletableFuture.completedFuture(false);
        }
        Room r = rooms.get(id);
        if (r == null) {
            return CompletableFuture.completedFuture(false);
        }
        return r.call(() -> r.kick(memberId));
    }

    private Room existingRoom(String roomId) {
        String id = Rules.roomId(roomId, null);
        RoomRecord record = registry.find(id).orElseThrow(() ->
                new ProtocolException(ErrorCode.ROOM_NOT_FOUND, null, "room '" + id + "' does not exist"));
        return activate(record);
    }

    private static <T> CompletableFuture<T> asApiFailure(Throwable t) {
        Throwable cause = t instanceof java.util.concurrent.CompletionException && t.getCause() != null
                ? t.getCause() : t;
        if (cause instanceof ProtocolException pe) {
            return CompletableFuture.failedFuture(new ChitChatException(pe.code(), pe.getMessage()));
        }
        return CompletableFuture.failedFuture(cause);
    }

    @Override
    public AutoCloseable addListener(ChitChatListener listener) {
        return listeners.add(listener);
    }

    @Override
    public Stats stats() {
        long started = startedAt;
        boolean degraded = !broker.healthy();
        int roomCount;
        try {
            roomCount = registry.roomCount();
        } catch (RuntimeException e) {
            roomCount = -1;
            degraded = true;
        }
        return new Stats(sessions.size(), roomCount, rooms.size(), started == 0 ? 0 : clock.millis() - started,
                degraded);
    }

    /** The handler of a connection that was refused: ignores everything. */
    private enum Closed implements InboundHandler {
        INSTANCE;

        @Override
        public void onText(String text) {}

        @Override
        public void onClose(int code) {}
    }
}
