package io.chitchat;

import io.chitchat.spi.Authenticator;
import io.chitchat.spi.Broker;
import io.chitchat.spi.HistoryStore;
import io.chitchat.spi.MessageFilter;
import io.chitchat.spi.PasswordHasher;
import io.chitchat.spi.RoomRegistry;
import io.chitchat.spi.Scheduler;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.function.Function;

/**
 * Builds a {@link ChitChat} engine. Every setter checks its value at once and fails with an
 * {@link IllegalArgumentException} naming the value and the limit; unset values take the documented defaults
 * when {@link #build()} is called.
 *
 * <p>Not thread-safe: configure it on one thread.
 */
public final class ChitChatBuilder {
    static final String VERSION = Version.get();

    int maxRooms = 10_000;
    int maxMembersPerRoom = 1_000;
    int maxRoomsPerConnection = 16;
    int maxConnectionsPerAddress = 1_000;
    int maxTextLength = 4_000;
    int maxFrameBytes = 64 * 1024;
    int historyRetention = 200;
    int joinHistory = 50;
    Duration emptyRoomTtl = Duration.ofSeconds(60);
    Duration gracePeriod = Duration.ofSeconds(10);
    Duration resumeTokenTtl = Duration.ofHours(24);
    double sendRate = 10;
    int sendBurst = 20;
    Duration typingInterval = Duration.ofSeconds(2);
    Duration presenceInterval = Duration.ofMillis(100);
    long outboundMaxBytes = 4L * 1024 * 1024;
    int outboundMaxFrames = 4_096;
    Duration idleTimeout = Duration.ofSeconds(120);
    Duration pingInterval = Duration.ofSeconds(30);
    int maxPendingRequests = 64;
    int passwordThreads = Runtime.getRuntime().availableProcessors();
    int passwordQueue = 64;
    int passwordFailures = 5;
    int abuseLimit = 30;
    int workerThreads = Math.max(2, Runtime.getRuntime().availableProcessors());
    String serverName = "chitchat/" + VERSION;

    Clock clock = Clock.systemUTC();
    Scheduler scheduler;
    Executor executor;
    PasswordHasher passwordHasher;
    Function<HistoryStore, Broker> brokerFactory;
    HistoryStore historyStore;
    RoomRegistry roomRegistry;
    Authenticator authenticator = Authenticator.anonymous();
    MessageFilter messageFilter = MessageFilter.allowAll();
    byte[] resumeKey;
    final List<ChitChatListener> listeners = new ArrayList<>();

    ChitChatBuilder() {}

    public ChitChatBuilder maxRooms(int value) {
        maxRooms = atLeast("maxRooms", value, 1);
        return this;
    }

    public ChitChatBuilder maxMembersPerRoom(int value) {
        maxMembersPerRoom = atLeast("maxMembersPerRoom", value, 1);
        return this;
    }

    public ChitChatBuilder maxRoomsPerConnection(int value) {
        maxRoomsPerConnection = atLeast("maxRoomsPerConnection", value, 1);
        return this;
    }

    public ChitChatBuilder maxConnectionsPerAddress(int value) {
        maxConnectionsPerAddress = atLeast("maxConnectionsPerAddress", value, 1);
        return this;
    }

    public ChitChatBuilder maxTextLength(int value) {
        maxTextLength = between("maxTextLength", value, 1, 1_000_000);
        return this;
    }

    public ChitChatBuilder maxFrameBytes(int value) {
        maxFrameBytes = between("maxFrameBytes", value, 1024, 16 * 1024 * 1024);
        return this;
    }

    public ChitChatBuilder historyRetention(int value) {
        historyRetention = between("historyRetention", value, 1, 1_000_000);
        return this;
    }

    public ChitChatBuilder joinHistory(int value) {
        joinHistory = between("joinHistory", value, 0, 10_000);
        return this;
    }

    public ChitChatBuilder emptyRoomTtl(Duration value) {
        emptyRoomTtl = notNegative("emptyRoomTtl", value);
        return this;
    }

    public ChitChatBuilder gracePeriod(Duration value) {
        gracePeriod = notNegative("gracePeriod", value);
        return this;
    }

    public ChitChatBuilder resumeTokenTtl(Duration value) {
        resumeTokenTtl = positive("resumeTokenTtl", value);
        return this;
    }

    /** The per-member send rate: {@code perSecond} sustained, {@code burst} at once. */
    public ChitChatBuilder sendRate(double perSecond, int burst) {
        if (!(perSecond > 0) || Double.isInfinite(perSecond)) {
            throw new IllegalArgumentException("send rate must be a positive number, was " + perSecond);
        }
        sendRate = perSecond;
        sendBurst = atLeast("send burst", burst, 1);
        return this;
    }

    public ChitChatBuilder typingInterval(Duration value) {
        typingInterval = notNegative("typingInterval", value);
        return this;
    }

    public ChitChatBuilder presenceInterval(Duration value) {
        presenceInterval = notNegative("presenceInterval", value);
        return this;
    }

    /** The outbound queue bound of one connection, in bytes and in frames; over it the connection gets 4001. */
    public ChitChatBuilder outboundLimits(long maxBytes, int maxFrames) {
        if (maxBytes < 1024) {
            throw new IllegalArgumentException("outbound max bytes must be at least 1024, was " + maxBytes);
        }
        outboundMaxBytes = maxBytes;
        outboundMaxFrames = atLeast("outbound max frames", maxFrames, 1);
        return this;
    }

    public ChitChatBuilder idleTimeout(Duration value) {
        idleTimeout = positive("idleTimeout", value);
        return this;
    }

    public ChitChatBuilder pingInterval(Duration value) {
        pingInterval = positive("pingInterval", value);
        return this;
    }

    public ChitChatBuilder maxPendingRequests(int value) {
        maxPendingRequests = atLeast("maxPendingRequests", value, 1);
        return this;
    }

    /** Threads hashing passwords and the queue in front of them. */
    public ChitChatBuilder passwordExecutor(int threads, int queue) {
        passwordThreads = between("password threads", threads, 1, 256);
        passwordQueue = atLeast("password queue", queue, 1);
        return this;
    }

    public ChitChatBuilder passwordFailuresPerMinute(int value) {
        passwordFailures = atLeast("passwordFailuresPerMinute", value, 1);
        return this;
    }

    public ChitChatBuilder abuseLimit(int value) {
        abuseLimit = atLeast("abuseLimit", value, 1);
        return this;
    }

    public ChitChatBuilder workerThreads(int value) {
        workerThreads = between("workerThreads", value, 1, 1024);
        return this;
    }

    public ChitChatBuilder serverName(String value) {
        serverName = Objects.requireNonNull(value, "serverName");
        return this;
    }

    /** The clock for timestamps, rate limits and token expiry (tests use a fake one). */
    public ChitChatBuilder clock(Clock value) {
        clock = Objects.requireNonNull(value, "clock");
        return this;
    }

    /** The scheduler for timers (default: one daemon thread owned by the engine). */
    public ChitChatBuilder scheduler(Scheduler value) {
        scheduler = Objects.requireNonNull(value, "scheduler");
        return this;
    }

    /**
     * The executor that runs room and connection logic (default: {@code workerThreads} daemon threads). It must
     * not reject tasks while the engine runs (use an unbounded queue): a rejected task of a room is dropped.
     */
    public ChitChatBuilder executor(Executor value) {
        executor = Objects.requireNonNull(value, "executor");
        return this;
    }

    public ChitChatBuilder passwordHasher(PasswordHasher value) {
        passwordHasher = Objects.requireNonNull(value, "passwordHasher");
        return this;
    }

    public ChitChatBuilder historyStore(HistoryStore value) {
        historyStore = Objects.requireNonNull(value, "historyStore");
        return this;
    }

    /** The broker; the function receives the engine's history store (default: {@link Broker#local}). */
    public ChitChatBuilder broker(Function<HistoryStore, Broker> factory) {
        brokerFactory = Objects.requireNonNull(factory, "broker");
        return this;
    }

    public ChitChatBuilder roomRegistry(RoomRegistry value) {
        roomRegistry = Objects.requireNonNull(value, "roomRegistry");
        return this;
    }

    public ChitChatBuilder authenticator(Authenticator value) {
        authenticator = Objects.requireNonNull(value, "authenticator");
        return this;
    }

    public ChitChatBuilder messageFilter(MessageFilter value) {
        messageFilter = Objects.requireNonNull(value, "messageFilter");
        return this;
    }

    /**
     * The key that signs resume tokens (at least 32 bytes). Default: a random key per engine; a cluster must
     * configure the same key on every node.
     */
    public ChitChatBuilder resumeKey(byte[] key) {
        if (key.length < 32) {
            throw new IllegalArgumentException("resume key must be at least 32 bytes, was " + key.length);
        }
        resumeKey = key.clone();
        return this;
    }

    public ChitChatBuilder listener(ChitChatListener value) {
        listeners.add(Objects.requireNonNull(value, "listener"));
        return this;
    }

    /** Validates the combination of values and builds the engine (not started). */
    public ChitChat build() {
        if (joinHistory > historyRetention) {
            throw new IllegalArgumentException("joinHistory (" + joinHistory
                    + ") must not exceed historyRetention (" + historyRetention + ")");
        }
        if (!pingInterval.minus(idleTimeout).isNegative()) {
            throw new IllegalArgumentException("pingInterval (" + pingInterval
                    + ") must be shorter than idleTimeout (" + idleTimeout + ")");
        }
        return new Engine(this);
    }

    ChitChatConfig config() {
        return new ChitChatConfig(maxRooms, maxMembersPerRoom, maxRoomsPerConnection, maxConnectionsPerAddress,
                maxTextLength, maxFrameBytes, historyRetention, joinHistory, emptyRoomTtl, gracePeriod,
                resumeTokenTtl, sendRate, sendBurst, typingInterval, presenceInterval, outboundMaxBytes,
                outboundMaxFrames, idleTimeout, pingInterval, maxPendingRequests, passwordThreads, passwordQueue,
                passwordFailures, abuseLimit, workerThreads, serverName);
    }

    private static int atLeast(String name, int value, int min) {
        if (value < min) {
            throw new IllegalArgumentException(name + " must be at least " + min + ", was " + value);
        }
        return value;
    }

    private static int between(String name, int value, int min, int max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(name + " must be between " + min + " and " + max + ", was " + value);
        }
        return value;
    }

    private static Duration notNegative(String name, Duration value) {
        Objects.requireNonNull(value, name);
        if (value.isNegative()) {
            throw new IllegalArgumentException(name + " must not be negative, was " + value);
        }
        return value;
    }

    private static Duration positive(String name, Duration value) {
        Objects.requireNonNull(value, name);
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(name + " must be positive, was " + value);
        }
        return value;
    }
}
