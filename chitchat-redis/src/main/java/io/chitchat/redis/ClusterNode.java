package io.chitchat.redis;

import io.chitchat.protocol.ProtocolCodec;
import io.chitchat.spi.BrokerListener;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisChannelHandler;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisConnectionStateListener;
import io.lettuce.core.RedisException;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.Delay;
import java.net.SocketAddress;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One node: its two Redis connections (commands, and the event subscription), its health, heartbeat and reaper,
 * and the three SPI implementations that share them.
 *
 * <p>Threading: SPI calls run on the engine's workers and use the shared command connection synchronously
 * (Lettuce multiplexes them). Bus messages arrive on a Lettuce I/O thread and are handed to the engine without
 * blocking. Heartbeat, reaping, and the recovery after an outage run on this node's single timer thread.
 */
final class ClusterNode implements RedisNode {
    private static final Logger LOG = LoggerFactory.getLogger(ClusterNode.class);

    final RedisOptions options;
    final Keys keys;
    final String nodeId;
    final ProtocolCodec codec = new ProtocolCodec();
    final Clock clock;
    final RedisCommands<String, String> redis;
    final RedisAsyncCommands<String, String> async;

    private final ClientResources resources;
    private final RedisClient client;
    private final StatefulRedisConnection<String, String> data;
    private final StatefulRedisPubSubConnection<String, String> bus;
    private final ScheduledThreadPoolExecutor timer;
    private final LocalMembers local = new LocalMembers();
    private final RedisRoomRegistry registry;
    private final RedisHistoryStore history;
    private final RedisBroker broker;
    private final Reaper reaper;
    private final Recovery recovery;

    private final AtomicBoolean started = new AtomicBoolean();
    private final AtomicBoolean closed = new AtomicBoolean();
    /** Connection losses since start, and how many of them the engine has caught up after. */
    private final AtomicLong losses = new AtomicLong();
    private volatile long caughtUp;
    private final AtomicBoolean catchingUp = new AtomicBoolean();
    private volatile boolean dataUp = true;
    private volatile boolean busUp;
    private volatile BrokerListener listener;
    /** When both connections were last (re)established; the reaper waits a node timeout after it. */
    private volatile long connectedSince;
    private volatile String instance;
    private long beats;
    /** Tests simulate a node that stalls (a long GC pause, a partition) by pausing its heartbeat. */
    private volatile boolean heartbeatPaused;
    private final SecureRandom random = new SecureRandom();

    private ClusterNode(RedisOptions options, Clock clock) {
        this.options = options;
        this.keys = new Keys(options.keyPrefix());
        this.nodeId = options.nodeId();
        this.clock = clock;
        this.resources = ClientResources.builder()
                .ioThreadPoolSize(2)
                .computationThreadPoolSize(1)
                .reconnectDelay(Delay.exponential(Duration.ofMillis(50), Duration.ofSeconds(2), 2,
                        TimeUnit.MILLISECONDS))
                .build();
        RedisURI uri = RedisURI.create(options.redisUri());
        uri.setTimeout(options.commandTimeout());
        uri.setClientName(clientName(options));
        this.client = RedisClient.create(resources, uri);
        client.setOptions(ClientOptions.builder()
                .autoReconnect(true)
                // fail at once while disconnected: the engine answers internal instead of hanging
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                // never replay after a reconnect: a replayed script could sequence an entry twice
                .replayFilter(command -> true)
                .timeoutOptions(TimeoutOptions.enabled(options.commandTimeout()))
                .socketOptions(SocketOptions.builder().connectTimeout(options.commandTimeout()).keepAlive(true)
                        .build())
                .build());
        this.timer = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "chitchat-redis-" + nodeId);
            t.setDaemon(true);
            return t;
        });
        timer.setRemoveOnCancelPolicy(true);
        try {
            this.data = client.connect();
            this.bus = client.connectPubSub();
        } catch (RuntimeException e) {
            timer.shutdownNow();
            shutdownClient();
            throw e;
        }
        this.redis = data.sync();
        this.async = data.async();
        this.registry = new RedisRoomRegistry(this, local);
        this.history = new RedisHistoryStore(this);
        this.broker = new RedisBroker(this, local);
        this.reaper = new Reaper(this);
        this.recovery = new Recovery(this);
        data.addListener(new StateListener(false));
        bus.addListener(new StateListener(true));
        bus.addListener(new RedisPubSubAdapter<>() {
            @Override
            public void message(String channel, String message) {
                broker.onBusMessage(message);
            }

            @Override
            public void subscribed(String channel, long count) {
                busUp = true;
                maybeResync();
            }
        });
    }

    /** Connects to Redis; fails when it cannot be reached. */
    static ClusterNode connect(RedisOptions options) {
        return connect(options, Clock.systemUTC());
    }

    static ClusterNode connect(RedisOptions options, Clock clock) {
        ClusterNode node = new ClusterNode(options, clock);
        LOG.info("Node {} connected to Redis at {}:{} (key prefix '{}')", node.nodeId, options.redisUri().getHost(),
                options.redisUri().getPort(), options.keyPrefix());
        return node;
    }

    /** The name this node's connections carry in {@code CLIENT LIST}: prefix and node id. */
    static String clientName(RedisOptions options) {
        StringBuilder name = new StringBuilder();
        (options.keyPrefix() + "node:" + options.nodeId()).codePoints()
                .forEach(c -> name.append(c > 0x20 && c < 0x7f ? (char) c : '_'));
        return name.toString();
    }

    RedisRoomRegistry registry() {
        return registry;
    }

    LocalMembers local() {
        return local;
    }

    RedisHistoryStore history() {
        return history;
    }

    RedisBroker broker() {
        return broker;
    }

    BrokerListener listener() {
        return listener;
    }

    // ---------------------------------------------------------------- lifecycle

    /** Called by the broker when the engine starts: subscribes, announces this node, starts the heartbeat. */
    void start(BrokerListener engine) {
        if (!started.compareAndSet(false, true)) {
            throw new IllegalStateException("node " + nodeId + " is started already");
        }
        this.listener = engine;
        bus.sync().subscribe(keys.bus);
        heartbeat();
        connectedSince = clock.millis();
        long period = options.heartbeat().toMillis();
        timer.scheduleWithFixedDelay(this::tick, period, period, TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        stopTimer();
        if (started.get()) {
            try {
                int left = reaper.reapNode(nodeId, false);
                redis.del(keys.node(nodeId));
                redis.srem(keys.nodes, nodeId);
                LOG.info("Node {} left the cluster ({} members left with it)", nodeId, left);
            } catch (RedisException e) {
                LOG.warn("Node {} could not leave the cluster cleanly; the other nodes will remove its members "
                        + "after {}", nodeId, options.nodeTimeout(), e);
            }
        }
        shutdownClient();
    }

    /** Stops at once without leaving the cluster, as a crashed process would (tests). */
    void crash() {
        if (closed.compareAndSet(false, true)) {
            stopTimer();
            shutdownClient();
        }
    }

    private void stopTimer() {
        timer.shutdown();
        try {
            if (!timer.awaitTermination(options.commandTimeout().toMillis() * 2, TimeUnit.MILLISECONDS)) {
                timer.shutdownNow();
            }
        } catch (InterruptedException e) {
            timer.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }

    private void shutdownClient() {
        try {
            client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
        } finally {
            resources.shutdown(0, 2, TimeUnit.SECONDS);
        }
    }

    void pauseHeartbeat(boolean paused) {
        heartbeatPaused = paused;
    }

    boolean isClosed() {
        return closed.get();
    }

    // ---------------------------------------------------------------- health

    @Override
    public String nodeId() {
        return nodeId;
    }

    @Override
    public Health health() {
        return dataUp && busUp && caughtUp == losses.get() && !closed.get() ? Health.CONNECTED : Health.DEGRADED;
    }

    private void lost(boolean isBus) {
        if (closed.get()) {
            return;
        }
        boolean wasUp = dataUp && busUp;
        if (isBus) {
            busUp = false;
        } else {
            dataUp = false;
        }
        if (started.get()) {
            losses.incrementAndGet();
        }
        if (wasUp) {
            LOG.warn("Node {} lost its Redis {} connection; degraded until it is back", nodeId,
                    isBus ? "subscription" : "command");
        }
    }

    /** Starts the catch-up on the timer thread once both connections are back after a loss. */
    private void maybeResync() {
        if (dataUp && busUp && caughtUp != losses.get() && !closed.get() && catchingUp.compareAndSet(false, true)) {
            try {
                timer.execute(this::afterOutage);
            } catch (RejectedExecutionException e) {
                catchingUp.set(false);
            }
        }
    }

    /**
     * Both connections are back: announce this node (which also notices whether Redis lost its data, and restores
     * this node's share if it did) and let the engine catch every active room up from history. On failure the
     * next tick tries again.
     */
    private void afterOutage() {
        long target = losses.get();
        try {
            connectedSince = clock.millis();
            heartbeat();
            BrokerListener l = listener;
            if (l != null) {
                l.onResync();
            }
            caughtUp = target;
            LOG.info("Node {} reconnected to Redis and caught up", nodeId);
        } catch (RedisException e) {
            LOG.warn("Node {} could not catch up after reconnecting; retrying", nodeId, e);
        } finally {
            catchingUp.set(false);
        }
    }

    // ---------------------------------------------------------------- heartbeat and reaper

    private void tick() {
        if (heartbeatPaused) {
            return;
        }
        maybeResync();
        try {
            heartbeat();
        } catch (RedisException e) {
            LOG.debug("Node {}: heartbeat failed", nodeId, e);
            return;
        } catch (RuntimeException e) {
            LOG.error("Node {}: heartbeat failed", nodeId, e);
            return;
        }
        if (health() != Health.CONNECTED) {
            return;
        }
        try {
            recovery.retryLeaves(options.commandTimeout().toMillis() * 2);
        } catch (RuntimeException e) {
            LOG.warn("Node {}: could not sequence pending leaves", nodeId, e);
        }
        // after a (re)connection, wait until every live node has had the time to heartbeat
        if (clock.millis() - connectedSince >= options.nodeTimeout().toMillis()) {
            try {
                reaper.run();
            } catch (RedisException e) {
                LOG.debug("Node {}: reaper failed", nodeId, e);
            } catch (RuntimeException e) {
                LOG.error("Node {}: reaper failed", nodeId, e);
            }
        }
    }

    /**
     * Refreshes this node's liveness key and checks Redis's instance marker: a marker that changed means Redis
     * lost its data (restarted without persistence, or was flushed), and this node restores its share. A liveness
     * key that had expired means this node was presumed dead: it drops what the others removed.
     */
    private synchronized void heartbeat() {
        byte[] seed = new byte[8];
        random.nextBytes(seed);
        String fresh = HexFormat.of().formatHex(seed);
        List<Object> reply = Script.HEARTBEAT.multi(redis,
                new String[] {keys.node(nodeId), keys.nodes, keys.instance},
                Long.toString(clock.millis()), Long.toString(options.nodeTimeout().toMillis()), nodeId, fresh);
        boolean wasAlive = ((Long) reply.get(0)) == 1L;
        String current = (String) reply.get(1);
        String known = instance;
        instance = current;
        if (known != null && !known.equals(current)) {
            LOG.error("Node {}: Redis lost its data (restarted without persistence or flushed); restoring this "
                    + "node's rooms and members. Histories are lost.", nodeId);
            recovery.restoreAfterDataLoss();
            BrokerListener l = listener;
            if (l != null) {
                l.onResync();
            }
        } else if (!wasAlive && beats > 0) {
            LOG.warn("Node {} missed its heartbeat deadline ({}); checking whether other nodes removed its members",
                    nodeId, options.nodeTimeout());
            recovery.dropReapedMembers();
        }
        beats++;
    }

    /** Listens to one connection's state. */
    private final class StateListener implements RedisConnectionStateListener {
        private final boolean isBus;

        StateListener(boolean isBus) {
            this.isBus = isBus;
        }

        @Override
        public void onRedisConnected(RedisChannelHandler<?, ?> connection, SocketAddress socketAddress) {
            if (!isBus) {
                dataUp = true;
                maybeResync();
            }
            // the subscription is up when Redis confirms the resubscription, not when the socket connects
        }

        @Override
        public void onRedisDisconnected(RedisChannelHandler<?, ?> connection) {
            lost(isBus);
        }
    }

    @Override
    public String toString() {
        return "RedisNode[" + nodeId + ", " + health() + "]";
    }
}
