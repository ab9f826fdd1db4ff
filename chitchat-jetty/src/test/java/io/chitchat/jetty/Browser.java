package io.chitchat.jetty;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.stream.Stream;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * One headless Debian Chromium driven through Debian's chromedriver, with a throw-away profile, HOME and XDG
 * directories. The driver executable is given explicitly, so Selenium Manager is never asked to find (or download)
 * one. Helpers speak the web UI's stable element ids.
 *
 * <p>Not thread-safe: one test thread drives it.
 */
final class Browser implements AutoCloseable {
    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    static final Duration WAIT = Duration.ofSeconds(10);
    static final Path SCREENSHOTS = Path.of("target", "screenshots");

    /** Phone and desktop viewports (CSS pixels). */
    enum Viewport {
        PHONE(390, 844, true), DESKTOP(1440, 900, false);

        final int width;
        final int height;
        final boolean mobile;

        Viewport(int width, int height, boolean mobile) {
            this.width = width;
            this.height = height;
            this.mobile = mobile;
        }
    }

    final String name;
    final ChromeDriver driver;
    final WebDriverWait wait;
    private final Path tmp;

    /** Fails (never skips) when the browser tests run on a machine without Debian's chromium and chromedriver. */
    static void assertInstalled() {
        assertThat(CHROMIUM).as("the browser tests (-Pbrowser) need Debian's chromium at %s: apt-get install chromium",
                CHROMIUM).isExecutable();
        assertThat(CHROMEDRIVER).as("the browser tests (-Pbrowser) need Debian's chromedriver at %s: "
                + "apt-get install chromium-driver", CHROMEDRIVER).isExecutable();
    }

    Browser(String name) {
        this.name = name;
        try {
            tmp = Files.createTempDirectory("chitchat-browser-" + name + "-");
            Path home = Files.createDirectory(tmp.resolve("home"));
            Path config = Files.createDirectory(tmp.resolve("config"));
            Path cache = Files.createDirectory(tmp.resolve("cache"));
            Path profile = Files.createDirectory(tmp.resolve("profile"));
            Path logs = Files.createDirectories(Path.of("target", "chromedriver"));

            ChromeOptions options = new ChromeOptions();
            options.setBinary(CHROMIUM.toFile());
            options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                    "--disable-background-networking", "--disable-component-update", "--disable-sync",
                    "--no-first-run", "--user-data-dir=" + profile, "--no-default-browser-check",
                    "--password-store=basic", "--lang=en-US", "--window-size=1440,900");
            LoggingPreferences logPrefs = new LoggingPreferences();
            logPrefs.enable(LogType.BROWSER, Level.ALL);
            options.setCapability("goog:loggingPrefs", logPrefs);

            ChromeDriverService service = new ChromeDriverService.Builder()
                    .usingDriverExecutable(CHROMEDRIVER.toFile())
                    .usingAnyFreePort()
                    .withEnvironment(Map.of("HOME", home.toString(), "XDG_CONFIG_HOME", config.toString(),
                            "XDG_CACHE_HOME", cache.toString()))
                    .withLogFile(logs.resolve(name + ".log").toFile())
                    .build();
            driver = new ChromeDriver(service, options);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        wait = new WebDriverWait(driver, WAIT);
        viewport(Viewport.DESKTOP);
    }

    // ---------------------------------------------------------------- page and environment

    /** Emulates a viewport: its CSS size, and for the phone a mobile device (meta viewport honoured). */
    void viewport(Viewport v) {
        viewport(v.width, v.height, v.mobile);
    }

    void viewport(int width, int height, boolean mobile) {
        driver.executeCdpCommand("Emulation.setDeviceMetricsOverride", Map.of("width", width, "height", height,
                "deviceScaleFactor", 1, "mobile", mobile));
    }

    /** Emulates media features, e.g. {@code prefers-color-scheme: dark}; no argument resets them. */
    void media(String... nameValuePairs) {
        List<Map<String, String>> features = new ArrayList<>();
        for (int i = 0; i < nameValuePairs.length; i += 2) {
            features.add(Map.of("name", nameValuePairs[i], "value", nameValuePairs[i + 1]));
        }
        driver.executeCdpCommand("Emulation.setEmulatedMedia", Map.of("features", features));
    }

    void open(URI uri) {
        driver.get(uri.toString());
    }

    Object js(String script, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(script, args);
    }

    WebElement $(String css) {
        return driver.findElement(By.cssSelector(css));
    }

    <T> T until(Function<? super WebDriver, T> condition) {
        return wait.until(condition);
    }

    WebElement visible(String css) {
        return until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(css)));
    }

    void untilText(String css, String text) {
        until(ExpectedConditions.textToBe(By.cssSelector(css), text));
    }

    /** Whether the page scrolls sideways (it never should). */
    boolean scrollsHorizontally() {
        return (Boolean) js("return document.documentElement.scrollWidth > window.innerWidth"
                + " || document.body.scrollWidth > window.innerWidth");
    }

    /** Whether the whole element is inside the viewport. */
    boolean inViewport(String css) {
        return (Boolean) js("const r = arguments[0].getBoundingClientRect();"
                + " return r.top >= 0 && r.left >= 0 && r.bottom <= innerHeight && r.right <= innerWidth", $(css));
    }

    /** Whether the newest entry of the message list is fully shown (the list is scrolled to its end). */
    boolean lastEntryVisible() {
        return (Boolean) js("const m = document.getElementById('messages'), last = m.lastElementChild;"
                + " return !!last && last.getBoundingClientRect().bottom <= m.getBoundingClientRect().bottom + 1");
    }

    void screenshot(String fileName) {
        try {
            Files.createDirectories(SCREENSHOTS);
            Files.write(SCREENSHOTS.resolve(fileName), driver.getScreenshotAs(OutputType.BYTES));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Console entries since the last call. */
    List<LogEntry> console() {
        return driver.manage().logs().get(LogType.BROWSER).getAll();
    }

    // ---------------------------------------------------------------- the UI's flows

    /** Types a name on the welcome screen and continues to the home screen. */
    void enterName(String userName) {
        WebElement field = visible("#username");
        field.clear();
        field.sendKeys(userName);
        $("#btn-continue").click();
        visible("#screen-home");
    }

    /** Creates a room from the home screen and waits for the chat screen. */
    void createRoom(String room, String password) {
        visible("#btn-show-create").click();
        WebElement id = visible("#create-room-id");
        id.clear();
        id.sendKeys(room);
        WebElement pw = $("#create-password");
        pw.clear();
        if (password != null) {
            pw.sendKeys(password);
        }
        $("#btn-create").click();
        visible("#screen-chat");
        untilText("#room-id", room);
    }

    /** Fills the join form (the password field appears once the room is known to be protected) and submits. */
    void submitJoin(String room, String password) {
        visible("#btn-show-join").click();
        WebElement id = visible("#join-room-id");
        if (!room.equals(id.getAttribute("value"))) {
            id.clear();
            id.sendKeys(room);
        }
        if (password != null) {
            WebElement pw = visible("#join-password");
            pw.clear();
            pw.sendKeys(password);
        }
        $("#btn-join").click();
    }

    /** Types into the composer (typing notices go out) and sends with the button; waits for the ack. */
    void send(String text) {
        type(text);
        sendTyped();
    }

    /** Types into the composer; {@code Keys.chord(Keys.SHIFT, Keys.ENTER)} is a new line, a plain Enter sends. */
    void type(CharSequence... keys) {
        visible("#composer").sendKeys(keys);
    }

    /** Sends what the composer holds with the button and waits until it is acknowledged. */
    void sendTyped() {
        int before = ownSettled();
        $("#btn-send").click();
        until(d -> ownSettled() > before);
    }

    /** Sends what the composer holds with the Enter key and waits until it is acknowledged. */
    void sendTypedWithEnter() {
        int before = ownSettled();
        visible("#composer").sendKeys(Keys.ENTER);
        until(d -> ownSettled() > before);
    }

    int ownSettled() {
        return ((Number) js("return document.querySelectorAll('#messages .msg.own:not(.pending)').length")).intValue();
    }

    /** The texts of the message entries, in page order. */
    @SuppressWarnings("unchecked")
    List<String> messageTexts() {
        return (List<String>) js("return [...document.querySelectorAll('#messages .msg .msg-text')]"
                + ".map(e => e.textContent)");
    }

    /** The system lines, in page order, without their time. */
    @SuppressWarnings("unchecked")
    List<String> systemLines() {
        return (List<String>) js("return [...document.querySelectorAll('#messages .sys')].map(e => e.textContent)");
    }

    /** The names in the member list. */
    @SuppressWarnings("unchecked")
    List<String> members() {
        return (List<String>) js("return [...document.querySelectorAll('#member-list li')].map(e => e.textContent)");
    }

    /** The data-seq of every entry, in page order. */
    @SuppressWarnings("unchecked")
    List<Long> seqs() {
        return (List<Long>) js("return [...document.querySelectorAll('#messages [data-seq]')]"
                + ".map(e => Number(e.dataset.seq))");
    }

    String connState() {
        return $("#conn-status").getAttribute("data-state");
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            try (Stream<Path> files = Files.walk(tmp)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException e) {
                // a temporary directory left behind is not worth failing a test for
            }
        }
    }

    @Override
    public String toString() {
        return "browser " + name;
    }
}
