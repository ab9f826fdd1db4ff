package io.chitchat.redis;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chitchat.ChitChat;
import io.lettuce.core.RedisConnectionException;
import java.net.ServerSocket;
import org.junit.jupiter.api.Test;

class ChitChatRedisTest {

    @Test
    void configure_redisUnreachable_failsAtOnce() throws Exception {
        int port;
        try (ServerSocket probe = new ServerSocket(0)) {
            port = probe.getLocalPort();
        }
        RedisOptions options = RedisOptions.of("redis://127.0.0.1:" + port, "0123456789abcdef");
        assertThatThrownBy(() -> ChitChatRedis.configure(ChitChat.builder(), options))
                .isInstanceOf(RedisConnectionException.class);
    }
}
