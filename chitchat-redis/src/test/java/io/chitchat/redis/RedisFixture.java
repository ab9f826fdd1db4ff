package io.chitchat.redis;

import io.chitchat.ChitChat;
import io.chitchat.ChitChatBuilder;
import io.chitchat.spi.PasswordHasher;
import io.lettuce.core.KeyScanCursor;
import io.lettuce.core.RedisClient;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanCursor;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * Per test: a random key prefix, the nodes and engines the test starts, and the cleanup of all of them and of every
 * key under the prefix. Redis is {@code redis://127.0.0.1:6379} unless {@code -Dchitchat.redis.uri} says otherwise;
 * when it cannot be reached the test fails.
 */
final class RedisFixture implements AutoCloseable {
    static final String URI = System.getProperty("chitchat.redis.uri", "redis://127.0.0.1:6379");
    static final String SECRET = "test-cluster-secret-0123456789";
    static final Duration HEARTBEAT = Duration.ofMillis(200);
    static final Duration NODE_TIMEOUT = Duration.ofSeconds(1);

    private static RedisClient adminClient;
    private static StatefulRedisConnection<String, String> adminConnection;

    final String prefix = "cctest:" + UUID.randomUUID().toString().substring(0, 8) + ":";
    private final List<ChitChat> engines = new ArrayList<>();
    private final List<ClusterNode> nodes = new ArrayList<>();

    /** A plain connection to the test Redis (shared by the tests of this JVM). */
    static synchronized RedisCommands<String, String> admin() {
        if (adminConnection == null) {
            adminClient = RedisClient.create(URI);
            adminConnection = adminClient.connect();
        }
        return adminConnection.sync();
    }

    RedisOptions options(String nodeId) {
        return options(URI, nodeId);
    }

    RedisOptions options(String uri, String nodeId) {
        return RedisOptions.of(uri, SECRET).withKeyPrefix(prefix).withNodeId(nodeId)
                .withLiveness(HEARTBEAT, NODE_TIMEOUT).withCommandTimeout(Duration.ofSeconds(2));
    }

    /** A connected node that is not started (no engine). */
    ClusterNode node(String nodeId) {
        return node(options(nodeId));
    }

    ClusterNode node(RedisOptions options) {
        ClusterNode node = ClusterNode.connect(options);
        synchronized (nodes) {
            nodes.add(node);
        }
        return node;
    }

    /** A started engine that is a node of this fixture's cluster. */
    Engine engine(String nodeId) {
        return engine(options(nodeId), b -> { });
    }

    Engine engine(RedisOptions options, Consumer<ChitChatBuilder> customize) {
        ChitChatBuilder builder = ChitChat.builder()
                .passwordHasher(PasswordHasher.pbkdf2(1_000))
                .workerThreads(2)
                .sendRate(1_000, 1_000);
        customize.accept(builder);
        RedisNode node = ChitChatRedis.configure(builder, options);
        synchronized (nodes) {
            nodes.add((ClusterNode) node);
        }
        ChitChat chat = builder.build().start();
        synchronized (engines) {
            engines.add(chat);
        }
        return new Engine(chat, (ClusterNode) node);
    }

    /** An engine with its node. */
    record Engine(ChitChat chat, ClusterNode node) {
        TestClient connect() {
            return TestClient.connect(chat);
        }
    }

    @Override
    public void close() {
        for (ChitChat chat : engines) {
            try {
                chat.close();
            } catch (RuntimeException e) {
                e.printStackTrace();
            }
        }
        for (ClusterNode node : nodes) {
            node.crash();
        }
        deleteKeys();
    }

    void deleteKeys() {
        RedisCommands<String, String> redis = admin();
        ScanCursor cursor = ScanCursor.INITIAL;
        do {
            KeyScanCursor<String> page = redis.scan(cursor, ScanArgs.Builder.matches(prefix + "*").limit(500));
            if (!page.getKeys().isEmpty()) {
                redis.del(page.getKeys().toArray(String[]::new));
            }
            cursor = page;
        } while (!cursor.isFinished());
    }

    List<String> keys() {
        return admin().keys(prefix + "*");
    }
}
