package io.chitchat.jetty;

import static org.assertj.core.api.Assertions.assertThat;

import io.chitchat.RoomOptions;
import io.chitchat.jetty.Browser.Viewport;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.WebElement;

/**
 * Screenshots of every screen of the web UI on a phone (390x844) and a desktop (1440x900), written to
 * {@code target/screenshots/} for people to look at (some of them are copied to {@code docs/images/}). Motion is
 * reduced so that no picture catches an animation halfway.
 */
@Tag("browser")
class WebUiScreenshotTest {
    private static final String ROOM = "design-review";
    private static UiServer server;
    private static Browser browser;
    private static Bot bob;
    private static Bot carol;

    @BeforeAll
    static void start() {
        Browser.assertInstalled();
        server = UiServer.start();
        server.chat.createRoom(RoomOptions.of("locked").withPassword("open sesame").asPermanent()).join();
        server.chat.createRoom(RoomOptions.of(ROOM).asPermanent()).join();
        carol = server.join(ROOM, "Carol", null);
        bob = server.join(ROOM, "Bob", null);
        carol.send("Morning! The new onboarding mockups are up: https://example.com/design/onboarding-v3");
        bob.send("Looks great. Can we make the “Create room” button stand out a bit more on phones?");
        carol.send("Sure, a full-width button there. I'll push an update after lunch.");
        browser = new Browser("screenshots");
    }

    @AfterAll
    static void stop() {
        try (UiServer s = server; Browser b = browser; Bot c = carol; Bot o = bob) {
            // closes all four, whatever fails
        }
    }

    @Test
    void screenshots_everyScreen_phoneAndDesktop() {
        for (Viewport v : Viewport.values()) {
            captureForms(v, "");
        }
        browser.media("prefers-color-scheme", "dark", "prefers-reduced-motion", "reduce");
        captureForms(Viewport.DESKTOP, "-dark");

        browser.media("prefers-reduced-motion", "reduce");
        browser.viewport(Viewport.DESKTOP);
        joinRoom();
        browser.send("Agreed. And let's keep the invite link right under the room name.");
        captureChat(Viewport.DESKTOP, "");
        captureChat(Viewport.PHONE, "");
        browser.$("#btn-members").click();
        browser.visible("#members-panel");
        browser.screenshot("chat-members-phone.png");
        browser.$("#btn-members").click();
        browser.media("prefers-color-scheme", "dark", "prefers-reduced-motion", "reduce");
        captureChat(Viewport.DESKTOP, "-dark");
        captureChat(Viewport.PHONE, "-dark");

        try (var files = Files.list(Browser.SCREENSHOTS)) {
            assertThat(files.map(p -> p.getFileName().toString()).filter(n -> !n.startsWith("failed-")))
                    .contains("welcome-phone.png", "welcome-desktop.png", "home-create-phone.png",
                            "home-create-desktop.png", "home-join-phone.png", "home-join-desktop.png",
                            "error-phone.png", "error-desktop.png", "chat-phone.png", "chat-desktop.png",
                            "chat-members-phone.png");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Welcome, home (create and join) and the wrong-password error. */
    private void captureForms(Viewport v, String theme) {
        String suffix = "-" + v.name().toLowerCase() + theme + ".png";
        browser.viewport(v);
        if (theme.isEmpty()) {
            browser.media("prefers-reduced-motion", "reduce");
        }
        browser.open(server.uri());
        browser.until(d -> "connected".equals(browser.connState()));
        WebElement name = browser.visible("#username");
        name.clear();
        name.sendKeys("Alice");
        browser.screenshot("welcome" + suffix);

        browser.$("#btn-continue").click();
        browser.visible("#create-room-id").sendKeys("team-blue");
        browser.$("#create-password").sendKeys("secret");
        browser.screenshot("home-create" + suffix);

        browser.$("#btn-show-join").click();
        browser.visible("#join-room-id").sendKeys("locked");
        browser.visible("#join-password").sendKeys("not it");
        browser.screenshot("home-join" + suffix);

        browser.$("#btn-join").click();
        browser.visible("#error");
        browser.screenshot("error" + suffix);
    }

    private void joinRoom() {
        browser.open(server.uri());
        browser.enterName("Alice");
        browser.submitJoin(ROOM, null);
        browser.visible("#screen-chat");
        browser.until(d -> browser.messageTexts().size() == 3);
    }

    /** The chat screen with someone typing. */
    private void captureChat(Viewport v, String theme) {
        browser.viewport(v);
        browser.until(d -> {
            if (browser.$("#typing").getText().isEmpty()) {
                bob.typing(); // the server drops notices closer than 2 s: keep asking until one shows
                return false;
            }
            return true;
        });
        browser.screenshot("chat-" + v.name().toLowerCase() + theme + ".png");
    }
}
