package io.chitchat.jetty;

import static org.assertj.core.api.Assertions.assertThat;

import io.chitchat.ChitChat;
import io.chitchat.spi.OutboundFrame;
import java.lang.management.ManagementFactory;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import org.junit.jupiter.api.Test;

/**
 * Measures what one broadcast costs the sending thread per recipient when {@link JettyConnection} writes a text
 * frame: the core session with the frame's shared UTF-8 bytes. Allocation is counted on the sending thread, so a
 * UTF-8 encoding per recipient would show as about one frame size of garbage per send (the Jakarta async remote's
 * {@code sendText(String)} allocated 70 KB per recipient of this 20 KB frame when it was measured here). The
 * numbers are printed to the test output.
 */
class SendPathMeasurementTest {
    private static final int RECIPIENTS = 20;
    private static final int WARMUP_ROUNDS = 20;
    private static final int ROUNDS = 50;

    @Test
    void send_sharedFrame_encodedOncePerFrameNotPerRecipient() throws Exception {
        ChitChat engine = TestServer.chat().build();
        BlockingQueue<JettyConnection> opened = new LinkedBlockingQueue<>();
        // the engine as the mount sees it, recording the connections it opens
        ChitChat chat = (ChitChat) Proxy.newProxyInstance(ChitChat.class.getClassLoader(),
                new Class<?>[] {ChitChat.class}, (proxy, method, args) -> {
                    if (method.getName().equals("open")) {
                        opened.add((JettyConnection) args[0]);
                    }
                    try {
                        return method.invoke(engine, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
        try (TestServer server = TestServer.start(chat, "", JettyOptions.defaults())) {
            HttpClient http = WsClient.httpClient();
            List<WebSocket> clients = new ArrayList<>();
            for (int i = 0; i < RECIPIENTS; i++) {
                // the default listener reads and discards everything
                clients.add(http.newWebSocketBuilder().buildAsync(server.ws("/ws"), new WebSocket.Listener() {})
                        .join());
            }
            List<JettyConnection> connections = new ArrayList<>();
            for (int i = 0; i < RECIPIENTS; i++) {
                connections.add(opened.poll(10, TimeUnit.SECONDS));
            }
            assertThat(connections).doesNotContainNull();

            String text = frameText(16 * 1024);
            OutboundFrame frame = OutboundFrame.of(text);
            int frameBytes = frame.size();
            Cost core = measure(connections, (c, done) -> c.send(frame, failure -> done.countDown()));

            System.out.printf("send path, %d recipients x %d rounds, frame of %d UTF-8 bytes (%d chars)%n",
                    RECIPIENTS, ROUNDS, frameBytes, text.length());
            System.out.printf("  core sendFrame(OutboundFrame.utf8()): %,d bytes allocated and %,d ns CPU "
                    + "per recipient%n", core.bytesPerSend, core.cpuNanosPerSend);

            assertThat(core.bytesPerSend).as("bytes allocated per recipient on the core path")
                    .isLessThan(frameBytes / 8);
            clients.forEach(WebSocket::abort);
        }
    }

    record Cost(long bytesPerSend, long cpuNanosPerSend) {}

    private static <T> Cost measure(List<T> targets, BiConsumer<T, CountDownLatch> send) throws InterruptedException {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        for (int r = 0; r < WARMUP_ROUNDS; r++) {
            round(targets, send);
        }
        long bytes = 0;
        long cpu = 0;
        for (int r = 0; r < ROUNDS; r++) {
            long bytesBefore = threads.getCurrentThreadAllocatedBytes();
            long cpuBefore = threads.getCurrentThreadCpuTime();
            CountDownLatch done = round(targets, send);
            bytes += threads.getCurrentThreadAllocatedBytes() - bytesBefore;
            cpu += threads.getCurrentThreadCpuTime() - cpuBefore;
            assertThat(done.await(10, TimeUnit.SECONDS)).as("all sends of a round completed").isTrue();
        }
        long sends = (long) ROUNDS * targets.size();
        return new Cost(bytes / sends, cpu / sends);
    }

    /** Sends one frame to every target; returns without waiting (the caller waits outside the measurement). */
    private static <T> CountDownLatch round(List<T> targets, BiConsumer<T, CountDownLatch> send)
            throws InterruptedException {
        CountDownLatch done = new CountDownLatch(targets.size());
        for (T t : targets) {
            send.accept(t, done);
        }
        return done;
    }

    /** A message frame like the engine's, with some non-ASCII text, of about {@code size} characters. */
    private static String frameText(int size) {
        StringBuilder text = new StringBuilder();
        while (text.length() < size) {
            text.append("Grüße aus Köln, ça va? 👋 ");
        }
        return "{\"type\":\"message\",\"room\":\"lobby\",\"seq\":42,\"ts\":1764000000000,"
                + "\"from\":{\"id\":\"m1\",\"name\":\"ann\"},\"text\":\"" + text + "\"}";
    }
}
