package io.chitchat.redis;

import java.net.URI;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * How one node joins a ChitChat cluster on Redis. Create it with {@link #of(String, String)} and adjust it
 * with the {@code with...} methods; every value is checked when the record is made.
 *
 * @param redisUri the Redis server, e.g. {@code redis://127.0.0.1:6379/0} (Lettuce URI syntax: {@code rediss://}
 *     for TLS, {@code redis-sentinel://} for Sentinel)
 * @param keyPrefix the prefix of every key and channel this cluster uses (default {@code "chitchat:"}); clusters
 *     sharing one Redis use different prefixes
 * @param nodeId this node's id, unique in the cluster: 1 to 64 characters of {@code A-Z a-z 0-9 . _ -}
 *     (default: 16 random characters, so a restarted node is a new node)
 * @param clusterSecret a secret shared by every node of the cluster (at least 16 characters); the resume-token
 *     key is derived from it, so that a client may resume on any node. Never logged.
 * @param heartbeat how often this node refreshes its liveness key and runs the reaper (default 5 s)
 * @param nodeTimeout how long after its last heartbeat a node is considered dead and its members are removed
 *     (default 15 s; at least twice the heartbeat). A dead node's members leave within about
 *     {@code nodeTimeout + heartbeat}.
 * @param historyRetention entries retained per room (default 200); {@code configure} sets the engine's
 *     {@code historyRetention} to the same value
 * @param commandTimeout how long a Redis command may take before it fails (default 5 s)
 * @param emptyRoomTtl how long a room with no members on any node lives before it is removed (default 60 s);
 *     {@code configure} sets the engine's {@code emptyRoomTtl} to the same value. Besides each engine's own timer,
 *     the reaper removes rooms that stayed empty this long, so a room is not kept forever when the node that
 *     would have expired it is gone. Permanent rooms are kept.
 */
public record RedisOptions(URI redisUri, String keyPrefix, String nodeId, String clusterSecret, Duration heartbeat,
                           Duration nodeTimeout, int historyRetention, Duration commandTimeout,
                           Duration emptyRoomTtl) {

    private static final Pattern NODE_ID = Pattern.compile("[A-Za-z0-9._-]{1,64}");
    private static final int MIN_SECRET_LENGTH = 16;

    public RedisOptions {
        Objects.requireNonNull(redisUri, "redisUri");
        String scheme = redisUri.getScheme();
        if (scheme == null || !scheme.startsWith("redis")) {
            throw new IllegalArgumentException("redis uri must use a redis scheme (redis://, rediss://, "
                    + "redis-sentinel://), was " + redisUri.getScheme());
        }
        Objects.requireNonNull(keyPrefix, "keyPrefix");
        if (keyPrefix.isEmpty() || keyPrefix.length() > 100 || keyPrefix.chars().anyMatch(Character::isWhitespace)) {
            throw new IllegalArgumentException(
                    "key prefix must be 1 to 100 characters without white space, was '" + keyPrefix + "'");
        }
        Objects.requireNonNull(nodeId, "nodeId");
        if (!NODE_ID.matcher(nodeId).matches()) {
            throw new IllegalArgumentException(
                    "node id must be 1 to 64 characters of A-Z a-z 0-9 . _ -, was '" + nodeId + "'");
        }
        Objects.requireNonNull(clusterSecret, "clusterSecret");
        if (clusterSecret.length() < MIN_SECRET_LENGTH) {
            throw new IllegalArgumentException("cluster secret must be at least " + MIN_SECRET_LENGTH
                    + " characters, was " + clusterSecret.length());
        }
        positive("heartbeat", heartbeat);
        positive("nodeTimeout", nodeTimeout);
        if (nodeTimeout.compareTo(heartbeat.multipliedBy(2)) < 0) {
            throw new IllegalArgumentException("node timeout (" + nodeTimeout
                    + ") must be at least twice the heartbeat (" + heartbeat + ")");
        }
        if (historyRetention < 1 || historyRetention > 1_000_000) {
            throw new IllegalArgumentException(
                    "history retention must be between 1 and 1000000, was " + historyRetention);
        }
        positive("commandTimeout", commandTimeout);
        Objects.requireNonNull(emptyRoomTtl, "emptyRoomTtl");
        if (emptyRoomTtl.isNegative()) {
            throw new IllegalArgumentException("empty room ttl must not be negative, was " + emptyRoomTtl);
        }
    }

    /** Options with the defaults, for a Redis URI such as {@code redis://127.0.0.1:6379}. */
    public static RedisOptions of(String redisUri, String clusterSecret) {
        Objects.requireNonNull(redisUri, "redisUri");
        return new RedisOptions(URI.create(redisUri), "chitchat:", randomNodeId(), clusterSecret,
                Duration.ofSeconds(5), Duration.ofSeconds(15), 200, Duration.ofSeconds(5), Duration.ofSeconds(60));
    }

    public RedisOptions withKeyPrefix(String value) {
        return new RedisOptions(redisUri, value, nodeId, clusterSecret, heartbeat, nodeTimeout, historyRetention,
                commandTimeout, emptyRoomTtl);
    }

    public RedisOptions withNodeId(String value) {
        return new RedisOptions(redisUri, keyPrefix, value, clusterSecret, heartbeat, nodeTimeout, historyRetention,
                commandTimeout, emptyRoomTtl);
    }

    /** The heartbeat interval and the silence after which a node is dead (at least two heartbeats). */
    public RedisOptions withLiveness(Duration heartbeatInterval, Duration deadAfter) {
        return new RedisOptions(redisUri, keyPrefix, nodeId, clusterSecret, heartbeatInterval, deadAfter,
                historyRetention, commandTimeout, emptyRoomTtl);
    }

    public RedisOptions withHistoryRetention(int value) {
        return new RedisOptions(redisUri, keyPrefix, nodeId, clusterSecret, heartbeat, nodeTimeout, value,
                commandTimeout, emptyRoomTtl);
    }

    public RedisOptions withCommandTimeout(Duration value) {
        return new RedisOptions(redisUri, keyPrefix, nodeId, clusterSecret, heartbeat, nodeTimeout, historyRetention,
                value, emptyRoomTtl);
    }

    public RedisOptions withEmptyRoomTtl(Duration value) {
        return new RedisOptions(redisUri, keyPrefix, nodeId, clusterSecret, heartbeat, nodeTimeout, historyRetention,
                commandTimeout, value);
    }

    @Override
    public String toString() {
        // never print the secret, nor a password in the URI
        return "RedisOptions[redis=" + redisUri.getScheme() + "://" + redisUri.getHost() + ":" + redisUri.getPort()
                + ", keyPrefix=" + keyPrefix + ", nodeId=" + nodeId + ", heartbeat=" + heartbeat + ", nodeTimeout="
                + nodeTimeout + ", historyRetention=" + historyRetention + ", commandTimeout=" + commandTimeout
                + ", emptyRoomTtl=" + emptyRoomTtl + "]";
    }

    private static void positive(String name, Duration value) {
        Objects.requireNonNull(value, name);
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(name + " must be positive, was " + value);
        }
    }

    private static String randomNodeId() {
        String alphabet = "0123456789abcdefghjkmnpqrstvwxyz";
        SecureRandom random = new SecureRandom();
        char[] out = new char[16];
        for (int i = 0; i < out.length; i++) {
            out[i] = alphabet.charAt(random.nextInt(alphabet.length()));
        }
        return new String(out);
    }
}
