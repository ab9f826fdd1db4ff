package io.chitchat.redis;

import static org.assertj.core.api.Assertions.assertThat;

import io.chitchat.protocol.Member;
import io.chitchat.spi.RoomRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("redis")
class RedisRoomRegistryTest extends RoomRegistryContract {
    private RedisFixture fixture;
    private RedisRoomRegistry a;
    private RedisRoomRegistry b;

    @BeforeEach
    void setUp() {
        fixture = new RedisFixture();
        a = fixture.node("a").registry();
        b = fixture.node("b").registry();
    }

    @AfterEach
    void tearDown() {
        fixture.close();
    }

    @Override
    protected RoomRegistry registry() {
        return a;
    }

    @Override
    protected RoomRegistry peer() {
        return b;
    }

    @Test
    void addMember_recordsTheOwningNode() {
        a.create(record("r"));
        a.addMember("r", new Member("m1", "Alice"));
        b.addMember("r", new Member("m2", "Bob"));
        var redis = RedisFixture.admin();
        assertThat(redis.smembers(fixture.prefix + "node:a:members")).containsExactly("r\tm1");
        assertThat(redis.smembers(fixture.prefix + "node:b:members")).containsExactly("r\tm2");
        a.remove("r");
        assertThat(redis.smembers(fixture.prefix + "node:b:members")).isEmpty();
    }

    @Test
    void create_overLeftoversOfAnEarlierRoom_startsClean() {
        var redis = RedisFixture.admin();
        redis.set(fixture.prefix + "room:r:seq", "7");
        redis.rpush(fixture.prefix + "room:r:log", "{}");
        redis.hset(fixture.prefix + "room:r:names", "alice", "ghost");
        assertThat(a.create(record("r"))).isTrue();
        assertThat(redis.exists(fixture.prefix + "room:r:seq", fixture.prefix + "room:r:log")).isZero();
        assertThat(b.addMember("r", new Member("m1", "Alice"))).isTrue();
    }
}
