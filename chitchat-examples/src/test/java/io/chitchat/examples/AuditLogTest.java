package io.chitchat.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.chitchat.ChitChat;
import io.chitchat.testkit.InMemoryTestClient;
import io.chitchat.testkit.TestClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AuditLogTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private List<JsonNode> lines(Path file) throws Exception {
        List<JsonNode> out = new ArrayList<>();
        for (String line : Files.readAllLines(file)) {
            out.add(JSON.readTree(line));
        }
        return out;
    }

    @Test
    void listener_joinMessageLeave_oneJsonLineEachInOrder() throws Exception {
        Path file = dir.resolve("audit.jsonl");
        Clock clock = Clock.fixed(Instant.parse("2026-01-02T12:00:00Z"), ZoneOffset.UTC);
        try (AuditLog audit = AuditLog.open(file, clock);
             ChitChat chat = ChitChat.builder().listener(audit).build().start()) {
            TestClient ada = new InMemoryTestClient(chat);
            ada.await("welcome");
            ada.create("lobby", "Ada");
            TestClient bob = new InMemoryTestClient(chat);
            bob.await("welcome");
            bob.join("lobby", "Bob");
            ada.say("lobby", "hi \"Bob\"\nhow are you?");
            bob.leave("lobby");

            await().atMost(Duration.ofSeconds(10)).until(() -> lines(file).size() >= 5);
            List<JsonNode> events = lines(file);
            assertThat(events).extracting(e -> e.path("event").asText())
                    .containsExactly("room_created", "join", "join", "message", "leave");
            assertThat(events).allSatisfy(e -> assertThat(e.path("room").asText()).isEqualTo("lobby"));
            assertThat(events.get(1).path("member").path("name").asText()).isEqualTo("Ada");
            assertThat(events.get(1).path("ts").asText()).isEqualTo("2026-01-02T12:00:00Z");
            JsonNode message = events.get(3);
            assertThat(message.path("seq").asLong()).isEqualTo(3);
            assertThat(message.path("text").asText()).isEqualTo("hi \"Bob\"\nhow are you?");
            assertThat(events.get(4).path("member").path("name").asText()).isEqualTo("Bob");
            assertThat(events.get(4).path("reason").asText()).isEqualTo("leave");
            assertThat(audit.dropped()).isZero();
        }
    }

    @Test
    void open_existingFile_appends() throws Exception {
        Path file = dir.resolve("audit.jsonl");
        Files.writeString(file, "{\"event\":\"earlier\"}\n");
        try (AuditLog audit = AuditLog.open(file, Clock.systemUTC())) {
            audit.roomRemoved("old");
        }
        assertThat(lines(file)).extracting(e -> e.path("event").asText()).containsExactly("earlier", "room_removed");
    }
}
