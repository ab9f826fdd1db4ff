package io.chitchat.redis;

import io.chitchat.ChitChatBuilder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Objects;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Turns a ChitChat engine into a node of a cluster that shares rooms, presence, history and messages through
 * Redis:
 *
 * <pre>{@code
 * ChitChatBuilder builder = ChitChat.builder();
 * RedisNode node = ChitChatRedis.configure(builder, RedisOptions.of("redis://redis:6379", secret));
 * ChitChat chat = builder.build().start();   // chat.close() also closes the node
 * }</pre>
 *
 * <p>Every node of a cluster uses the same Redis, key prefix and cluster secret. See the package documentation
 * for the key layout and the guarantees.
 */
public final class ChitChatRedis {
    private static final String RESUME_KEY_LABEL = "chitchat resume-token key v1";

    private ChitChatRedis() {}

    /**
     * Connects to Redis and sets the builder's room registry, history store, broker, history retention, empty-room
     * delay and resume key (do not change these afterwards). Fails at once (with Lettuce's
     * {@code RedisConnectionException}) when Redis cannot be reached.
     */
    public static RedisNode configure(ChitChatBuilder builder, RedisOptions options) {
        Objects.requireNonNull(builder, "builder");
        Objects.requireNonNull(options, "options");
        byte[] resumeKey = resumeKey(options.clusterSecret());
        builder.historyRetention(options.historyRetention()).emptyRoomTtl(options.emptyRoomTtl());
        ClusterNode node = ClusterNode.connect(options);
        builder.roomRegistry(node.registry())
                .historyStore(node.history())
                .broker(history -> node.broker())
                .resumeKey(resumeKey);
        return node;
    }

    /** HMAC-SHA256 keyed with the secret, of a fixed label: 32 bytes, the same on every node. */
    static byte[] resumeKey(String clusterSecret) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(clusterSecret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return mac.doFinal(RESUME_KEY_LABEL.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }
}
