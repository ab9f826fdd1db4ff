package io.chitchat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.chitchat.spi.PasswordHasher;
import io.chitchat.testkit.InMemoryTestClient;
import io.chitchat.testkit.TestClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Several threads send into one room while others join and leave: order, no gaps, no duplicates, no deadlock. */
class EngineConcurrencyTest {
    private ChitChat chat;

    @AfterEach
    void close() {
        if (chat != null) {
            chat.close();
        }
    }

    @Test
    void sendersJoinersLeavers_concurrently_everyMemberSeesGaplessSeqOrder() throws Exception {
        chat = ChitChat.builder().sendRate(10_000, 10_000).maxPendingRequests(10_000).passwordHasher(PasswordHasher.pbkdf2(1_000))
                .historyRetention(10_000).build().start();
        InMemoryTestClient owner = new InMemoryTestClient(chat);
        owner.await("welcome");
        owner.create("busy", "Owner");

        int watchers = 5;
        List<InMemoryTestClient> watching = new ArrayList<>();
        List<Long> joinedAt = new ArrayList<>();
        for (int i = 0; i < watchers; i++) {
            InMemoryTestClient w = new InMemoryTestClient(chat);
            w.await("welcome");
            joinedAt.add(w.join("busy", "Watcher" + i).path("seq").asLong());
            watching.add(w);
        }

        int senders = 4;
        int perSender = 200;
        ExecutorService pool = Executors.newFixedThreadPool(senders + 2);
        CountDownLatch go = new CountDownLatch(1);
        List<InMemoryTestClient> sending = new ArrayList<>();
        for (int s = 0; s < senders; s++) {
            InMemoryTestClient c = new InMemoryTestClient(chat);
            c.await("welcome");
            c.join("busy", "Sender" + s);
            sending.add(c);
        }
        for (int s = 0; s < senders; s++) {
            InMemoryTestClient c = sending.get(s);
            int id = s;
            pool.execute(() -> {
                awaitLatch(go);
                for (int i = 0; i < perSender; i++) {
                    c.send(TestClient.request("send").put("room", "busy").put("text", id + ":" + i));
                }
            });
        }
        for (int j = 0; j < 2; j++) {
            int id = j;
            pool.execute(() -> {
                awaitLatch(go);
                for (int i = 0; i < 20; i++) {
                    InMemoryTestClient churn = new InMemoryTestClient(chat);
                    churn.await("welcome");
                    churn.join("busy", "Churn" + id + "-" + i);
                    if (i % 2 == 0) {
                        churn.leave("busy");
                    }
                    churn.close();
                }
            });
        }
        go.countDown();
        pool.shutdown();
        assertThat(pool.awaitTermination(60, TimeUnit.SECONDS)).as("no deadlock").isTrue();

        for (InMemoryTestClient s : sending) {
            await().atMost(Duration.ofSeconds(30)).until(() -> s.all("ack").size() == perSender);
        }
        InMemoryTestClient probe = new InMemoryTestClient(chat);
        probe.await("welcome");
        long last = probe.join("busy", "Probe").path("seq").asLong();

        for (int w = 0; w < watchers; w++) {
            InMemoryTestClient client = watching.get(w);
            long from = joinedAt.get(w);
            await().atMost(Duration.ofSeconds(30)).until(() -> maxSeq(client) >= last);
            List<Long> seqs = entrySeqs(client);
            List<Long> expected = new ArrayList<>();
            for (long s = from + 1; s <= last; s++) {
                expected.add(s);
            }
            assertThat(seqs).as("watcher %d", w).containsExactlyElementsOf(expected);
        }
        // every sender's messages arrive in the order it sent them
        List<JsonNode> messages = watching.get(0).all("message");
        for (int s = 0; s < senders; s++) {
            String prefix = s + ":";
            List<Integer> order = messages.stream().map(m -> m.path("text").asText())
                    .filter(t -> t.startsWith(prefix)).map(t -> Integer.parseInt(t.substring(prefix.length())))
                    .toList();
            assertThat(order).hasSize(perSender).isSorted();
        }
    }

    private static List<Long> entrySeqs(TestClient c) {
        List<JsonNode> all = new ArrayList<>(c.all("message"));
        all.addAll(c.all("system"));
        return all.stream().map(f -> f.path("seq").asLong()).sorted().toList();
    }

    private static long maxSeq(TestClient c) {
        return entrySeqs(c).stream().mapToLong(Long::longValue).max().orElse(0);
    }

    private static void awaitLatch(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
