package io.chitchat.jetty;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chitchat.RoomOptions;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.AfterTestExecutionCallback;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.Keys;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.logging.LogEntry;

/**
 * The web UI in Debian's headless Chromium against a real server: two people in a protected room, a wrong password,
 * markup as text, a dropped connection, and a phone. Two browsers for the whole class; each test starts from a fresh
 * page load (leaving the page leaves its rooms).
 */
@Tag("browser")
class WebUiBrowserTest {
    private static final String LOCKED = "locked";
    private static UiServer server;
    private static Browser alice;
    private static Browser bob;

    /** On a failure, before {@link #reset()} leaves the page: a screenshot of each browser and its console. */
    @RegisterExtension
    final AfterTestExecutionCallback onFailure = context -> {
        if (context.getExecutionException().isPresent()) {
            for (Browser b : new Browser[] {alice, bob}) {
                b.screenshot("failed-" + context.getRequiredTestMethod().getName() + "-" + b.name + ".png");
                b.console().forEach(e -> System.err.println(b + " console: " + e));
            }
        }
    };

    @BeforeAll
    static void start() {
        Browser.assertInstalled();
        server = UiServer.start();
        server.chat.createRoom(RoomOptions.of(LOCKED).withPassword("open sesame").asPermanent()).join();
        alice = new Browser("alice");
        bob = new Browser("bob");
    }

    @AfterAll
    static void stop() {
        try (UiServer s = server; Browser a = alice; Browser b = bob) {
            // closes all three, whatever fails
        }
    }

    /**
     * Leaves every room (pagehide), puts the browser back to a desktop, and checks that the console shows no error
     * (script errors, failed loads, CSP violations) but the refused handshakes of the reconnect test.
     */
    @AfterEach
    void reset() {
        for (Browser b : new Browser[] {alice, bob}) {
            b.open(URI.create("about:blank"));
            b.viewport(Browser.Viewport.DESKTOP);
            List<String> errors = new ArrayList<>();
            for (LogEntry e : b.console()) {
                if (e.getLevel().intValue() >= Level.SEVERE.intValue()
                        && !e.getMessage().contains("Unexpected response code: 503")) {
                    errors.add(e.getMessage());
                }
            }
            assertThat(errors).as("console errors in %s", b).isEmpty();
        }
    }

    @Test
    void protectedRoom_twoPeople_talkSeeEachOtherTypeAndLeave() {
        alice.open(server.uri());
        alice.enterName("Alice");
        alice.createRoom("team-blue", "s3cret pass");
        assertThat(alice.$("#room-lock").isDisplayed()).as("lock icon of a protected room").isTrue();
        String link = alice.$("#share-link").getAttribute("href");
        assertThat(link).isEqualTo(server.uri() + "#/room/team-blue");

        bob.open(URI.create(link));
        bob.enterName("Bob");
        bob.until(d -> "team-blue".equals(bob.$("#join-room-id").getAttribute("value")));
        bob.visible("#join-password"); // the invite's room was looked up: it asks for the password
        bob.submitJoin("team-blue", "s3cret pass");
        bob.visible("#screen-chat");
        bob.untilText("#room-id", "team-blue");
        assertThat(bob.systemLines()).as("history, with his own join").containsExactly("Alice joined", "Bob joined");

        alice.until(d -> alice.systemLines().contains("Bob joined"));
        for (Browser b : new Browser[] {alice, bob}) {
            b.untilText("#member-count", "2");
            b.until(d -> b.members().size() == 2);
            assertThat(b.members()).as("member list of %s", b).containsExactlyInAnyOrder("Alice", "Bob");
        }
        assertThat(alice.$("#member-list li.me").getText()).isEqualTo("Alice");

        alice.type("Hi Bob, welcome to the room!");
        bob.untilText("#typing", "Alice is typing…");
        alice.sendTyped();
        bob.until(d -> bob.messageTexts().contains("Hi Bob, welcome to the room!"));
        bob.untilText("#typing", ""); // a message from the typist ends the notice
        assertThat(bob.$("#messages .msg:not(.own) .msg-from").getText()).isEqualTo("Alice");

        bob.type("Thanks Alice!", Keys.chord(Keys.SHIFT, Keys.ENTER), "Glad to be here.");
        alice.untilText("#typing", "Bob is typing…");
        bob.sendTypedWithEnter();
        alice.until(d -> alice.messageTexts().contains("Thanks Alice!\nGlad to be here."));
        assertThat(alice.messageTexts()).containsExactly("Hi Bob, welcome to the room!", "Thanks Alice!\nGlad to be here.");
        assertThat(bob.messageTexts()).containsExactly("Hi Bob, welcome to the room!", "Thanks Alice!\nGlad to be here.");
        assertThat(alice.$("#messages .msg.own .msg-text").getText()).isEqualTo("Hi Bob, welcome to the room!");
        assertThat(bob.$("#messages .msg.own .msg-text").getText()).startsWith("Thanks Alice!");

        bob.$("#btn-leave").click();
        bob.visible("#screen-home");
        alice.until(d -> alice.systemLines().contains("Bob left"));
        alice.untilText("#member-count", "1");
        alice.until(d -> alice.members().equals(List.of("Alice")));
        assertThat(alice.systemLines()).containsExactly("Alice joined", "Bob joined", "Bob left");
    }

    @Test
    void join_wrongPassword_showsErrorInJoinForm() {
        bob.open(URI.create(server.uri() + "#/room/" + LOCKED));
        bob.enterName("Bob");
        bob.submitJoin(LOCKED, "not the password");

        bob.untilText("#error", "Wrong password. Check it and try again.");
        assertThat(bob.$("#error").isDisplayed()).isTrue();
        assertThat(bob.$("#card-join #error").isDisplayed()).as("the error sits in the join form").isTrue();
        assertThat(bob.$("#screen-home").isDisplayed()).isTrue();
        assertThat(bob.js("return document.activeElement.id")).isEqualTo("join-password");
    }

    @Test
    void markup_inMessagesAndNames_isShownAsText() {
        String alert = "<img src=x onerror=alert(1)>";
        String flag = "<img src=x onerror=window.__xss=1>";
        String markupName = "<b onclick=alert(3)>Mallory</b>";
        alice.open(server.uri());
        alice.enterName("Alice");
        alice.createRoom("markup", null);
        try (Bot mallory = server.join("markup", markupName, null)) {
            alice.until(d -> alice.members().size() == 2);
            alice.send(alert);
            mallory.send(flag);
            alice.until(d -> alice.messageTexts().size() == 2);

            assertThat(alice.messageTexts()).containsExactly(alert, flag);
            assertThat(alice.$("#messages .msg.own .msg-text").getText()).isEqualTo(alert);
            assertThat(alice.$("#messages .msg:not(.own) .msg-from").getText()).isEqualTo(markupName);
            assertThat(alice.members()).contains(markupName);
            assertThat(alice.systemLines()).contains(markupName + " joined");
            assertThat(alice.js("return document.querySelectorAll('#screen-chat img, #screen-chat b').length"))
                    .isEqualTo(0L);
            assertThat(alice.js("return window.__xss")).isNull();
            assertThatThrownBy(() -> alice.driver.switchTo().alert()).isInstanceOf(NoAlertPresentException.class);
        }
    }

    @Test
    void droppedConnection_pageReconnects_showsMissedMessagesOnce() {
        alice.open(server.uri());
        alice.enterName("Alice");
        alice.createRoom("flaky-wifi", "pw");
        try (Bot bob = server.join("flaky-wifi", "Bob", "pw")) {
            bob.send("before the drop");
            alice.until(d -> alice.messageTexts().contains("before the drop"));
            assertThat(alice.connState()).isEqualTo("connected");

            server.dropBrowsers();
            alice.until(d -> "reconnecting".equals(alice.connState()));
            assertThat(alice.$("#conn-status").getText()).isEqualTo("reconnecting");
            List<String> missed = List.of("while you were away 1", "while you were away 2", "while you were away 3");
            missed.forEach(bob::send);
            alice.type("sent while offline");
            alice.$("#btn-send").click();
            assertThat(alice.$("#messages .msg.pending").getText()).contains("sent while offline");
            alice.screenshot("reconnecting-desktop.png");

            server.admitBrowsers();
            alice.until(d -> "connected".equals(alice.connState()));
            assertThat(alice.$("#conn-status").getText()).isEqualTo("connected");
            alice.until(d -> alice.messageTexts().containsAll(missed) && alice.ownSettled() == 1);
            bob.send("after the reconnect");
            alice.until(d -> alice.messageTexts().contains("after the reconnect"));

            assertThat(alice.messageTexts()).containsExactly("before the drop", "while you were away 1",
                    "while you were away 2", "while you were away 3", "sent while offline", "after the reconnect");
            List<Long> seqs = alice.seqs();
            assertThat(seqs).as("entries in seq order, each once, no gap")
                    .isEqualTo(LongStream.rangeClosed(1, seqs.size()).boxed().toList());
            assertThat(alice.systemLines()).as("the resume is silent").containsExactly("Alice joined", "Bob joined");
            assertThat(alice.js("return document.querySelectorAll('#messages .pending').length")).isEqualTo(0L);
        } finally {
            server.admitBrowsers();
        }
    }

    @Test
    void phone_joinCreateChatAndMemberPanel_withoutHorizontalScroll() {
        alice.viewport(Browser.Viewport.PHONE);
        alice.open(server.uri());
        assertThat(alice.js("return window.innerWidth")).isEqualTo(390L);
        alice.visible("#username");
        assertThat(alice.scrollsHorizontally()).as("welcome").isFalse();
        alice.enterName("Alice");
        assertThat(alice.scrollsHorizontally()).as("home").isFalse();

        alice.submitJoin(LOCKED, "not the password");
        alice.untilText("#error", "Wrong password. Check it and try again.");
        assertThat(alice.inViewport("#error")).as("the error can be seen without scrolling").isTrue();
        assertThat(alice.inViewport("#btn-join")).as("so can the join button").isTrue();
        assertThat(alice.scrollsHorizontally()).as("join form with an error").isFalse();

        alice.createRoom("pocket-room-with-a-rather-long-identifier", null);
        assertThat(alice.scrollsHorizontally()).as("chat").isFalse();

        assertThat(alice.$("#members-panel").isDisplayed()).as("member panel starts collapsed").isFalse();
        assertThat(alice.$("#btn-members").getAttribute("aria-expanded")).isEqualTo("false");
        try (Bot bob = server.join("pocket-room-with-a-rather-long-identifier", "Bob", null)) {
            alice.untilText("#member-count", "2");
            alice.$("#btn-members").click();
            alice.visible("#members-panel");
            assertThat(alice.$("#btn-members").getAttribute("aria-expanded")).isEqualTo("true");
            alice.until(d -> alice.members().size() == 2);
            assertThat(alice.members()).containsExactly("Alice", "Bob");
            assertThat(alice.scrollsHorizontally()).as("open member panel").isFalse();
            alice.$("#btn-members").click();
            alice.until(d -> !alice.$("#members-panel").isDisplayed());

            String longWord = "x".repeat(300);
            String longUrl = "https://example.com/" + "a/".repeat(80) + "end";
            alice.send(longWord);
            bob.send(longUrl);
            alice.until(d -> alice.messageTexts().contains(longUrl));
            assertThat(alice.scrollsHorizontally()).as("long words and links wrap").isFalse();
            assertThat(alice.js("return [...document.querySelectorAll('#messages .msg')]"
                    + ".every(m => m.getBoundingClientRect().right <= window.innerWidth)")).isEqualTo(true);

            for (int i = 1; i <= 8; i++) {
                bob.send("line " + i + " of a conversation long enough to scroll");
            }
            alice.until(d -> alice.messageTexts().size() == 10 && alice.lastEntryVisible());
            alice.viewport(390, 460, true); // the on-screen keyboard takes half of the screen
            alice.until(d -> alice.lastEntryVisible());
        }
    }
}
