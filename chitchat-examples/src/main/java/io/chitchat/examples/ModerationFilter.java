package io.chitchat.examples;

import io.chitchat.ChitChat;
import io.chitchat.jetty.ChitChatServer;
import io.chitchat.protocol.Member;
import io.chitchat.spi.FilterResult;
import io.chitchat.spi.MessageFilter;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A moderation filter: words from a list are masked ({@code darn} becomes {@code ****}) or the message is
 * rejected, and a message may hold at most a few links. A rejected sender gets {@code error invalid_text} with
 * the reason; a masked message is stored and shown to everyone masked.
 *
 * <pre>java -cp chitchat-server.jar io.chitchat.examples.ModerationFilter [--port 8080] [--words darn,heck]
 *     [--reject] [--max-links 1]</pre>
 *
 * Whole words are matched, ignoring case; spelling games ({@code d4rn}, {@code d a r n}) get through, as with any
 * list. <p>Thread-safe and immutable: the engine calls it concurrently for different rooms.
 */
public final class ModerationFilter implements MessageFilter {
    private static final Pattern LINK = Pattern.compile("(?i)\\b(?:https?://|www\\.)\\S+");

    private final Pattern words;
    private final boolean reject;
    private final int maxLinks;

    private ModerationFilter(Collection<String> wordList, boolean reject, int maxLinks) {
        if (wordList.isEmpty() || wordList.stream().anyMatch(String::isBlank)) {
            throw new IllegalArgumentException("the word list must not be empty nor hold blank words");
        }
        if (maxLinks < 0) {
            throw new IllegalArgumentException("max links must not be negative, was " + maxLinks);
        }
        this.words = Pattern.compile(wordList.stream().map(w -> Pattern.quote(w.strip()))
                .collect(Collectors.joining("|", "\\b(?:", ")\\b")),
                Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE | Pattern.UNICODE_CHARACTER_CLASS);
        this.reject = reject;
        this.maxLinks = maxLinks;
    }

    /** Masks the listed words with asterisks; refuses messages with more than {@code maxLinks} links. */
    public static ModerationFilter masking(Collection<String> words, int maxLinks) {
        return new ModerationFilter(words, false, maxLinks);
    }

    /** Refuses messages with a listed word or more than {@code maxLinks} links. */
    public static ModerationFilter rejecting(Collection<String> words, int maxLinks) {
        return new ModerationFilter(words, true, maxLinks);
    }

    public static void main(String[] args) {
        List<String> words = Arrays.asList(ExampleArgs.option(args, "--words", "darn,heck,drat").split(","));
        int maxLinks = Integer.parseInt(ExampleArgs.option(args, "--max-links", "1"));
        boolean reject = Arrays.asList(args).contains("--reject");
        // tag::install[]
        MessageFilter filter = reject ? ModerationFilter.rejecting(words, maxLinks)
                : ModerationFilter.masking(words, maxLinks);
        ChitChat chat = ChitChat.builder().messageFilter(filter).build();
        // end::install[]
        ChitChatServer server = ChitChatServer.builder(chat).port(ExampleArgs.port(args)).build().start();
        Runtime.getRuntime().addShutdownHook(new Thread(server::stop, "shutdown"));
        System.out.println("Moderated ChitChat at " + server.uri() + " (" + (reject ? "rejecting" : "masking") + " "
                + words + ", at most " + maxLinks + " link(s) per message)");
    }

    // tag::filter[]
    @Override
    public FilterResult filter(String room, Member from, String text) {
        long links = LINK.matcher(text).results().count();
        if (links > maxLinks) {
            return FilterResult.reject("at most " + maxLinks + " link(s) per message");
        }
        Matcher m = words.matcher(text);
        if (!m.find()) {
            return FilterResult.allow();
        }
        if (reject) {
            return FilterResult.reject("please keep it friendly");
        }
        return FilterResult.replace(m.replaceAll(word -> "*".repeat(word.group().codePointCount(0,
                word.group().length()))));
    }
    // end::filter[]
}
