package io.chitchat.examples;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.chitchat.ChitChat;
import io.chitchat.testkit.InMemoryTestClient;
import io.chitchat.testkit.TestClient;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class DiceBotTest {
    private static final Clock NOON = Clock.fixed(Instant.parse("2026-01-02T12:00:00Z"), ZoneOffset.UTC);

    private final ChitChat chat = ChitChat.builder().build().start();
    private final DiceBot bot = new DiceBot(chat, new Random(42), NOON);

    @AfterEach
    void stop() {
        chat.close();
    }

    private static JsonNode awaitBot(TestClient c) {
        return c.await(f -> "message".equals(f.path("type").asText())
                && "bot:Dice".equals(f.path("from").path("id").asText()));
    }

    @Test
    void bot_joinRollAndTime_greetsAndAnswersInTheRoom() {
        chat.addListener(bot);
        TestClient alice = new InMemoryTestClient(chat);
        alice.await("welcome");
        alice.create("games", "Alice");
        assertThat(awaitBot(alice).path("text").asText()).startsWith("Welcome, Alice!");

        alice.say("games", "/roll 2d6");
        JsonNode roll = awaitBot(alice);
        assertThat(roll.path("room").asText()).isEqualTo("games");
        assertThat(roll.path("from").path("name").asText()).isEqualTo("Dice");
        assertThat(roll.path("text").asText()).matches("2d6: [1-6] \\+ [1-6] = \\d+");

        alice.say("games", "/time");
        assertThat(awaitBot(alice).path("text").asText()).isEqualTo("It is 12:00:00 UTC on 2026-01-02.");

        TestClient bob = new InMemoryTestClient(chat);
        bob.await("welcome");
        bob.join("games", "Bob");
        assertThat(awaitBot(alice).path("text").asText()).startsWith("Welcome, Bob!");
    }

    @Test
    void answer_rolls_sumOfDiceWithinBounds() {
        for (int i = 0; i < 50; i++) {
            String answer = bot.answer("/roll 3d4");
            String[] parts = answer.substring("3d4: ".length()).split(" = ");
            int sum = 0;
            for (String die : parts[0].split(" \\+ ")) {
                assertThat(Integer.parseInt(die)).isBetween(1, 4);
                sum += Integer.parseInt(die);
            }
            assertThat(Integer.parseInt(parts[1])).isEqualTo(sum);
        }
        assertThat(bot.answer("/roll")).matches("1d6: [1-6]");
    }

    @Test
    void answer_otherOrBadInput_ignoredOrExplained() {
        assertThat(bot.answer("hello")).isNull();
        assertThat(bot.answer("/rollercoaster")).isNull();
        assertThat(bot.answer("/roll 99d6")).startsWith("I roll 1 to 20 dice");
        assertThat(bot.answer("/roll 2d1")).startsWith("I roll 1 to 20 dice");
    }
}
