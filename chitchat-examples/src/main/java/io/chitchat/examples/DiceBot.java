package io.chitchat.examples;

import io.chitchat.ChitChat;
import io.chitchat.ChitChatListener;
import io.chitchat.jetty.ChitChatServer;
import io.chitchat.protocol.Entry;
import io.chitchat.protocol.Member;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Random;
import java.util.StringJoiner;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A bot that lives in the server: it greets everyone who joins a room and answers {@code /roll 2d6} and
 * {@code /time}. It is a {@link ChitChatListener} (it sees joins and messages of every room) that speaks through
 * the server API ({@link ChitChat#post}), so it is not a member and needs no connection; its messages come
 * {@code from {"id":"bot:Dice","name":"Dice"}}.
 *
 * <pre>java -cp chitchat-server.jar io.chitchat.examples.DiceBot [--port 8080]</pre>
 *
 * <p>Thread-safe: the engine calls it on the worker thread of each room; it only posts, which does not block.
 */
public final class DiceBot implements ChitChatListener {
    private static final Logger LOG = LoggerFactory.getLogger(DiceBot.class);
    static final String NAME = "Dice";
    private static final Pattern ROLL = Pattern.compile("/roll(?:\\s+(\\d{1,2})d(\\d{1,4}))?\\s*");
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss 'UTC on' yyyy-MM-dd")
            .withZone(ZoneOffset.UTC);

    private final ChitChat chat;
    private final Random random;
    private final Clock clock;

    /** A bot for {@code chat}, rolling with {@code random} and telling the time of {@code clock}. */
    public DiceBot(ChitChat chat, Random random, Clock clock) {
        this.chat = chat;
        this.random = random;
        this.clock = clock;
    }

    public static void main(String[] args) {
        // tag::bot[]
        ChitChat chat = ChitChat.builder().build();
        chat.addListener(new DiceBot(chat, new Random(), Clock.systemUTC()));
        ChitChatServer server = ChitChatServer.builder(chat).port(ExampleArgs.port(args)).build().start();
        // end::bot[]
        Runtime.getRuntime().addShutdownHook(new Thread(server::stop, "shutdown"));
        System.out.println("ChitChat with the dice bot at " + server.uri() + ". In a room, type /roll 2d6 or /time.");
    }

    // tag::listener[]
    @Override
    public void memberJoined(String roomId, Member member) {
        say(roomId, "Welcome, " + member.name() + "! Type /roll 2d6 to roll dice or /time for the time.");
    }

    @Override
    public void messageSequenced(Entry.Message message) {
        if (message.from().id().startsWith("bot:") || message.from().id().equals("system")) {
            return; // never answer a bot (itself included) or a server notice
        }
        String answer = answer(message.text().trim());
        if (answer != null) {
            say(message.room(), answer);
        }
    }

    private void say(String roomId, String text) {
        // post returns a future and never blocks the room's thread; a room that closed meanwhile is not an error
        chat.post(roomId, NAME, text).whenComplete((seq, failure) -> {
            if (failure != null) {
                LOG.debug("Could not post to room {}: {}", roomId, failure.getMessage());
            }
        });
    }
    // end::listener[]

    /** The bot's answer to a message, or null when the message is not for it. */
    String answer(String text) {
        if (text.equals("/time")) {
            return "It is " + TIME.format(clock.instant()) + ".";
        }
        Matcher roll = ROLL.matcher(text);
        if (!roll.matches()) {
            return null;
        }
        int dice = roll.group(1) == null ? 1 : Integer.parseInt(roll.group(1));
        int sides = roll.group(2) == null ? 6 : Integer.parseInt(roll.group(2));
        if (dice < 1 || dice > 20 || sides < 2 || sides > 1000) {
            return "I roll 1 to 20 dice of 2 to 1000 sides, e.g. /roll 2d6.";
        }
        StringJoiner rolls = new StringJoiner(" + ");
        int total = 0;
        for (int i = 0; i < dice; i++) {
            int r = 1 + random.nextInt(sides);
            rolls.add(Integer.toString(r));
            total += r;
        }
        return dice + "d" + sides + ": " + (dice == 1 ? Integer.toString(total) : rolls + " = " + total);
    }
}
