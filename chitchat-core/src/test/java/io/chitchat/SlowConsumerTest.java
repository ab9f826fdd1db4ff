package io.chitchat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.chitchat.spi.PasswordHasher;
import io.chitchat.testkit.InMemoryTestClient;
import io.chitchat.testkit.TestClient;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A member that never reads is closed with 4001 while the others keep receiving; nothing grows unbounded. */
class SlowConsumerTest {
    private ChitChat chat;

    @AfterEach
    void close() {
        if (chat != null) {
            chat.close();
        }
    }

    @Test
    void memberNotReading_closedWith4001_othersKeepReceiving() throws Exception {
        chat = ChitChat.builder().sendRate(100_000, 100_000).maxPendingRequests(10_000).outboundLimits(64 * 1024, 100)
                .passwordHasher(PasswordHasher.pbkdf2(1_000)).build().start();
        InMemoryTestClient sender = new InMemoryTestClient(chat);
        sender.await("welcome");
        sender.create("flood", "Sender");
        InMemoryTestClient reader = new InMemoryTestClient(chat);
        reader.await("welcome");
        reader.join("flood", "Reader");
        InMemoryTestClient stuck = new InMemoryTestClient(chat);
        stuck.await("welcome");
        stuck.join("flood", "Stuck");
        stuck.client().pause();

        int n = 500;
        for (int i = 0; i < n; i++) {
            sender.send(TestClient.request("send").put("room", "flood").put("text", "payload " + i));
        }
        assertThat(stuck.client().awaitClose(Duration.ofSeconds(10))).isTrue();
        assertThat(stuck.client().closeCode()).isEqualTo(4001);
        await().atMost(Duration.ofSeconds(20)).until(() -> reader.all("message").size() == n);
        assertThat(reader.isClosed()).isFalse();
        assertThat(reader.all("message").get(n - 1).path("text").asText()).isEqualTo("payload " + (n - 1));
    }
}
