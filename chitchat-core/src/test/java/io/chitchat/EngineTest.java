package io.chitchat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.chitchat.protocol.ErrorCode;
import io.chitchat.protocol.Member;
import io.chitchat.spi.PasswordHasher;
import io.chitchat.testkit.InMemoryTestClient;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class EngineTest {
    private final List<ChitChat> engines = new CopyOnWriteArrayList<>();

    @AfterEach
    void close() {
        engines.forEach(ChitChat::close);
    }

    private ChitChat engine(ChitChatBuilder b) {
        ChitChat c = b.build().start();
        engines.add(c);
        return c;
    }

    private static InMemoryTestClient client(ChitChat chat) {
        InMemoryTestClient c = new InMemoryTestClient(chat);
        c.await("welcome");
        return c;
    }

    @Test
    void twoEngines_sameJvm_doNotInterfere() {
        ChitChat a = engine(ChitChat.builder().passwordHasher(PasswordHasher.pbkdf2(1_000)));
        ChitChat b = engine(ChitChat.builder().passwordHasher(PasswordHasher.pbkdf2(1_000)));
        client(a).create("same", "Alice");
        client(b).create("same", "Alice");
        assertThat(a.rooms()).extracting(RoomInfo::id).containsExactly("same");
        assertThat(b.rooms()).extracting(RoomInfo::id).containsExactly("same");
        b.closeRoom("same").join();
        assertThat(a.room("same")).isPresent();
        assertThat(b.room("same")).isEmpty();
    }

    @Test
    void passwordCheck_runsOnPasswordThreadNotCaller() {
        List<String> threads = new CopyOnWriteArrayList<>();
        PasswordHasher recording = new PasswordHasher() {
            private final PasswordHasher real = PasswordHasher.pbkdf2(1_000);

            @Override
            public String hash(char[] password) {
                threads.add(Thread.currentThread().getName());
                return real.hash(password);
            }

            @Override
            public boolean verify(char[] password, String storedHash) {
                threads.add(Thread.currentThread().getName());
                return real.verify(password, storedHash);
            }
        };
        ChitChat chat = engine(ChitChat.builder().passwordHasher(recording));
        client(chat).create("p", "A", "pw");
        client(chat).join("p", "B", "pw");
        assertThat(threads).hasSize(2).allMatch(t -> t.startsWith("chitchat-password-"));
    }

    @Test
    void passwordExecutorFull_joinRateLimited() throws Exception {
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        PasswordHasher slow = new PasswordHasher() {
            private final PasswordHasher real = PasswordHasher.pbkdf2(1_000);

            @Override
            public String hash(char[] password) {
                return real.hash(password);
            }

            @Override
            public boolean verify(char[] password, String storedHash) {
                entered.countDown();
                try {
                    release.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return real.verify(password, storedHash);
            }
        };
        ChitChat chat = engine(ChitChat.builder().passwordHasher(slow).passwordExecutor(1, 1));
        client(chat).create("p", "A", "pw");
        InMemoryTestClient b = client(chat);
        b.send(InMemoryTestClient.request("join").put("room", "p").put("name", "B").put("password", "pw"));
        assertThat(entered.await(5, TimeUnit.SECONDS)).isTrue();
        // one thread busy with B; of C and D, one waits in the queue of one and the other is refused
        InMemoryTestClient c = client(chat);
        InMemoryTestClient d = client(chat);
        c.send(InMemoryTestClient.request("join").put("room", "p").put("name", "C").put("password", "pw"));
        d.send(InMemoryTestClient.request("join").put("room", "p").put("name", "D").put("password", "pw"));
        await().atMost(Duration.ofSeconds(5)).until(() -> rateLimited(c) + rateLimited(d) == 1);
        release.countDown();
        b.await("joined");
        InMemoryTestClient waiting = rateLimited(c) == 1 ? d : c;
        waiting.await("joined");
    }

    private static int rateLimited(InMemoryTestClient c) {
        return (int) c.all("error").stream().filter(e -> "rate_limited".equals(e.path("code").asText())).count();
    }

    @Test
    void listenerThrows_loggedAndRoomCarriesOn() {
        ChitChat chat = engine(ChitChat.builder().passwordHasher(PasswordHasher.pbkdf2(1_000)).listener(
                new ChitChatListener() {
                    @Override
                    public void memberJoined(String roomId, Member member) {
                        throw new IllegalStateException("boom");
                    }
                }));
        InMemoryTestClient a = client(chat);
        a.create("l", "A");
        assertThat(a.say("l", "fine").path("seq").asLong()).isEqualTo(2);
    }

    @Test
    void messageFilter_rejectOrReplace() {
        ChitChat chat = engine(ChitChat.builder().passwordHasher(PasswordHasher.pbkdf2(1_000))
                .messageFilter((room, from, text) -> text.contains("spam")
                        ? io.chitchat.spi.FilterResult.reject("no spam please")
                        : io.chitchat.spi.FilterResult.replace(text.replace("darn", "****"))));
        InMemoryTestClient a = client(chat);
        a.create("f", "A");
        assertThat(a.expectError(InMemoryTestClient.request("send").put("room", "f").put("text", "buy spam"),
                "invalid_text").path("message").asText()).isEqualTo("no spam please");
        a.say("f", "oh darn");
        assertThat(a.awaitMessage("f").path("text").asText()).isEqualTo("oh ****");
    }

    @Test
    void serverApi_invalidInput_chitChatExceptionWithCode() {
        ChitChat chat = engine(ChitChat.builder().passwordHasher(PasswordHasher.pbkdf2(1_000)));
        assertThatThrownBy(() -> chat.createRoom(RoomOptions.of("bad id")).join())
                .isInstanceOf(CompletionException.class).cause().isInstanceOf(ChitChatException.class)
                .satisfies(e -> assertThat(((ChitChatException) e).code()).isEqualTo(ErrorCode.INVALID_ROOM));
        chat.createRoom(RoomOptions.of("x")).join();
        assertThatThrownBy(() -> chat.createRoom(RoomOptions.of("x")).join())
                .cause().satisfies(e -> assertThat(((ChitChatException) e).code()).isEqualTo(ErrorCode.ROOM_EXISTS));
        assertThatThrownBy(() -> chat.post("nowhere", "Bot", "hi").join())
                .cause().satisfies(e -> assertThat(((ChitChatException) e).code())
                        .isEqualTo(ErrorCode.ROOM_NOT_FOUND));
        RoomInfo generated = chat.createRoom(RoomOptions.of(null)).join();
        assertThat(generated.id()).hasSize(10);
    }

    @Test
    void stats_countConnectionsAndRooms() {
        ChitChat chat = engine(ChitChat.builder().passwordHasher(PasswordHasher.pbkdf2(1_000)));
        InMemoryTestClient a = client(chat);
        a.create("s", "A");
        assertThat(chat.stats().connections()).isEqualTo(1);
        assertThat(chat.stats().rooms()).isEqualTo(1);
        a.close();
        await().atMost(Duration.ofSeconds(5)).until(() -> chat.stats().connections() == 0);
    }

    @Test
    void open_beforeStart_closed1001() {
        ChitChat chat = ChitChat.builder().build();
        engines.add(chat);
        InMemoryTestClient c = new InMemoryTestClient(chat);
        assertThat(c.awaitClose()).isEqualTo(1001);
    }
}
