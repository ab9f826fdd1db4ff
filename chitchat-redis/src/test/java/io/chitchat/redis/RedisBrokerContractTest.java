package io.chitchat.redis;

import io.chitchat.testkit.BrokerContractTest;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;

@Tag("redis")
class RedisBrokerContractTest extends BrokerContractTest {
    private final AtomicInteger nodes = new AtomicInteger();
    private RedisFixture fixture;

    @BeforeEach
    void setUp() {
        fixture = new RedisFixture();
    }

    @AfterEach
    void tearDown() {
        fixture.close();
    }

    @Override
    protected Node newNode() {
        ClusterNode node = fixture.node("n" + nodes.incrementAndGet());
        return new Node(node.broker(), node.history());
    }
}
