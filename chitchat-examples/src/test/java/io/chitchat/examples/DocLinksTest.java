package io.chitchat.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Every link from one page of {@code docs/} to another ({@code page.md#anchor}) finds its page and heading. */
class DocLinksTest {
    private static final Pattern LINK = Pattern.compile("\\]\\(([A-Za-z0-9_-]+\\.md)(?:#([^)]+))?\\)");
    private static final Pattern HEADING = Pattern.compile("^#{1,6} (.+)$");

    @Test
    void docs_linksBetweenPages_resolve() throws IOException {
        Path docs = docsDir();
        List<Path> pages;
        try (Stream<Path> files = Files.list(docs)) {
            pages = files.filter(p -> p.toString().endsWith(".md")).sorted().collect(Collectors.toList());
        }
        List<String> broken = new ArrayList<>();
        for (Path page : pages) {
            boolean inCode = false;
            for (String line : Files.readAllLines(page)) {
                if (line.startsWith("```")) {
                    inCode = !inCode;
                }
                if (inCode) {
                    continue;
                }
                Matcher m = LINK.matcher(line);
                while (m.find()) {
                    Path target = docs.resolve(m.group(1));
                    if (!Files.exists(target)) {
                        broken.add(page.getFileName() + " -> " + m.group(1) + " (no such page)");
                    } else if (m.group(2) != null && !anchors(target).contains(m.group(2))) {
                        broken.add(page.getFileName() + " -> " + m.group(1) + "#" + m.group(2) + " (no such heading)");
                    }
                }
            }
        }
        assertThat(broken).as("broken links in docs/").isEmpty();
    }

    @Test
    void anchor_likeGitHub() {
        assertThat(anchor("Command line: `chitchat-server.jar`")).isEqualTo("command-line-chitchat-serverjar");
        assertThat(anchor("3. Embed ChitChat in your own program")).isEqualTo("3-embed-chitchat-in-your-own-program");
        assertThat(anchor("Client addresses: X-Forwarded-For")).isEqualTo("client-addresses-x-forwarded-for");
    }

    /** GitHub's heading ids: lower case, punctuation other than {@code -} and {@code _} dropped, spaces to dashes. */
    static String anchor(String heading) {
        return heading.toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N} _-]", "").replace(' ', '-');
    }

    private static Set<String> anchors(Path page) throws IOException {
        Set<String> out = new HashSet<>();
        boolean inCode = false;
        for (String line : Files.readAllLines(page)) {
            if (line.startsWith("```")) {
                inCode = !inCode;
            }
            Matcher m = HEADING.matcher(line);
            if (!inCode && m.matches()) {
                out.add(anchor(m.group(1).trim()));
            }
        }
        return out;
    }

    private static Path docsDir() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.isDirectory(dir.resolve("docs"))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new IllegalStateException("no docs/ directory above " + Path.of("").toAbsolutePath());
        }
        return dir.resolve("docs");
    }
}
