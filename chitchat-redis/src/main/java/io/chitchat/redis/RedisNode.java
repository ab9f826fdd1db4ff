package io.chitchat.redis;

/**
 * This JVM's node of a ChitChat cluster on Redis, returned by {@link ChitChatRedis#configure}. The engine it was
 * configured into owns it: closing the engine closes the node (closing it yourself is only needed when the engine
 * is never built or started).
 *
 * <p>Thread-safe.
 */
public interface RedisNode extends AutoCloseable {

    /** This node's id in the cluster. */
    String nodeId();

    /**
     * Whether this node reaches Redis. While {@link Health#DEGRADED} the node keeps its clients' connections,
     * but requests that need Redis (joins, sends, history) fail with {@code internal} and are never acknowledged;
     * when Redis is back the node resubscribes and catches every active room up from history. A transport's health
     * endpoint reports it.
     */
    Health health();

    /**
     * Leaves the cluster: stops the heartbeat, emits the leave of every member this node still holds, and
     * disconnects from Redis. Idempotent.
     */
    @Override
    void close();

    /** The state of this node's Redis connections. */
    enum Health {
        /** Commands and the event subscription both work. */
        CONNECTED,
        /** A connection to Redis is lost and being re-established. */
        DEGRADED
    }
}
