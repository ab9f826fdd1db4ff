package io.chitchat.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The documentation quotes code that is built and tested: a fenced code block right after a marker
 * {@code <!-- snippet: ClassName#tag -->} must equal the region between {@code // tag::tag[]} and
 * {@code // end::tag[]} in {@code ClassName.java} (searched in every module's sources), without its common
 * indentation. {@code <!-- snippet: file.js#tag -->} does the same for a JavaScript file of the sources, in a
 * {@code js} block. Docs are {@code docs/*.md} and, if present, {@code README.md}.
 */
class DocSnippetsTest {
    private static final Pattern MARKER = Pattern.compile("<!--\\s*snippet:\\s*([A-Za-z0-9_$.-]+)#([A-Za-z0-9_-]+)\\s*-->");
    private static final Path ROOT = findRoot();

    record Snippet(Path doc, int line, String className, String tag, String text) {
        @Override
        public String toString() {
            return ROOT.relativize(doc) + ":" + line + " (" + className + "#" + tag + ")";
        }
    }

    @Test
    void docs_everyMarkedSnippet_equalsItsTaggedSource() throws IOException {
        List<Snippet> snippets = snippets();
        assertThat(snippets).as("snippets in the docs").isNotEmpty();
        List<String> problems = new ArrayList<>();
        for (Snippet s : snippets) {
            String source;
            try {
                source = region(s.className(), s.tag());
            } catch (IllegalStateException e) {
                problems.add(s + ": " + e.getMessage());
                continue;
            }
            if (!source.equals(s.text())) {
                problems.add(s + " differs from the source; the source says:\n" + source);
            }
        }
        assertThat(problems).as("snippets out of date").isEmpty();
    }

    @Test
    void region_nestedTags_leftOutAndDedented() {
        String region = region(List.of(
                "class X {",
                "    // tag::a[]",
                "    void f() {",
                "        // tag::b[]",
                "        g();",
                "        // end::b[]",
                "    }",
                "    // end::a[]",
                "}"), "a", "X");
        assertThat(region).isEqualTo("void f() {\n    g();\n}");
    }

    private static List<Snippet> snippets() throws IOException {
        List<Path> docs;
        try (Stream<Path> files = Files.list(ROOT.resolve("docs"))) {
            docs = files.filter(p -> p.toString().endsWith(".md")).sorted().collect(Collectors.toList());
        }
        if (Files.exists(ROOT.resolve("README.md"))) {
            docs.add(ROOT.resolve("README.md"));
        }
        List<Snippet> out = new ArrayList<>();
        for (Path doc : docs) {
            List<String> lines = Files.readAllLines(doc);
            for (int i = 0; i < lines.size(); i++) {
                Matcher m = MARKER.matcher(lines.get(i));
                if (!m.find()) {
                    continue;
                }
                int fence = i + 1;
                String opening = "```" + (m.group(1).endsWith(".js") ? "js" : "java");
                assertThat(fence < lines.size() && lines.get(fence).equals(opening))
                        .as("%s:%d: a snippet marker must be followed by a %s line", ROOT.relativize(doc), i + 1,
                                opening)
                        .isTrue();
                int end = fence + 1;
                while (end < lines.size() && !lines.get(end).equals("```")) {
                    end++;
                }
                assertThat(end).as("%s:%d: unclosed code block", ROOT.relativize(doc), i + 1).isLessThan(lines.size());
                out.add(new Snippet(doc, i + 1, m.group(1), m.group(2), String.join("\n", lines.subList(fence + 1, end))));
                i = end;
            }
        }
        return out;
    }

    private static String region(String name, String tag) {
        String fileName = name.contains(".") ? name : name + ".java";
        List<Path> found = new ArrayList<>();
        try (Stream<Path> modules = Files.list(ROOT)) {
            for (Path sources : modules.map(m -> m.resolve("src")).filter(Files::isDirectory).collect(Collectors.toList())) {
                try (Stream<Path> files = Files.walk(sources)) {
                    files.filter(p -> p.getFileName().toString().equals(fileName)).forEach(found::add);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (found.size() != 1) {
            throw new IllegalStateException("expected one " + fileName + ", found " + found);
        }
        try {
            return region(Files.readAllLines(found.get(0)), tag, fileName);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The lines between the tag's markers, other tag markers left out, common indentation removed. */
    static String region(List<String> lines, String tag, String where) {
        int start = -1;
        int end = -1;
        for (int i = 0; i < lines.size(); i++) {
            String t = lines.get(i).trim();
            if (t.equals("// tag::" + tag + "[]")) {
                start = i;
            } else if (t.equals("// end::" + tag + "[]")) {
                end = i;
            }
        }
        if (start < 0 || end < start) {
            throw new IllegalStateException("no region // tag::" + tag + "[] ... // end::" + tag + "[] in " + where);
        }
        List<String> body = new ArrayList<>();
        for (String line : lines.subList(start + 1, end)) {
            if (!line.trim().matches("// (tag|end)::[A-Za-z0-9_-]+\\[]")) {
                body.add(line.stripTrailing());
            }
        }
        int indent = body.stream().filter(l -> !l.isBlank())
                .mapToInt(l -> l.length() - l.stripLeading().length()).min().orElse(0);
        return body.stream().map(l -> l.isBlank() ? "" : l.substring(indent)).collect(Collectors.joining("\n"));
    }

    private static Path findRoot() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.isDirectory(dir.resolve("docs"))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new IllegalStateException("no docs/ directory above " + Path.of("").toAbsolutePath());
        }
        return dir;
    }
}
