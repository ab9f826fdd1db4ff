package io.chitchat.jetty;

import static org.assertj.core.api.Assertions.assertThat;

import io.chitchat.ChitChat;
import io.chitchat.spi.Handshake;
import io.chitchat.spi.OutboundFrame;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpointConfig;
import java.lang.management.ManagementFactory;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.websocket.jakarta.common.JakartaWebSocketSession;
import org.eclipse.jetty.ee10.websocket.jakarta.server.config.JakartaWebSocketServletContainerInitializer;
import org.junit.jupiter.api.Test;

/**
 * Measures what one broadcast costs the sending thread per recipient on the two ways to write a text frame with
 * Jetty: the Jakarta async remote ({@code sendText(String)}) and the core session with the frame's shared UTF-8
 * bytes (what {@link JettyConnection} does). Allocation is counted on the sending thread, so a UTF-8 encoding per
 * recipient shows as about one frame size of garbage per send. The numbers are printed to the test output.
 */
class SendPathMeasurementTest {
    private static final int RECIPIENTS = 20;
    private static final int WARMUP_ROUNDS = 20;
    private static final int ROUNDS = 50;
    private static final BlockingQueue<Session> SESSIONS = new LinkedBlockingQueue<>();

    /** A bare endpoint that hands its sessions to the test. */
    public static final class CaptureEndpoint extends Endpoint {
        @Override
        public void onOpen(Session session, EndpointConfig config) {
            SESSIONS.add(session);
        }
    }

    @Test
    void send_sharedFrame_encodedOncePerFrameNotPerRecipient() throws Exception {
        ChitChat chat = TestServer.chat().build();
        ServletContextHandler context = new ServletContextHandler("/");
        JakartaWebSocketServletContainerInitializer.configure(context, (sc, container) ->
                container.addEndpoint(ServerEndpointConfig.Builder.create(CaptureEndpoint.class, "/measure").build()));
        try (TestServer server = TestServer.around(context, chat).start()) {
            HttpClient http = WsClient.httpClient();
            List<WebSocket> clients = new ArrayList<>();
            for (int i = 0; i < RECIPIENTS; i++) {
                // the default listener reads and discards everything
                clients.add(http.newWebSocketBuilder().buildAsync(server.ws("/measure"), new WebSocket.Listener() {})
                        .join());
            }
            List<Session> sessions = new ArrayList<>();
            for (int i = 0; i < RECIPIENTS; i++) {
                sessions.add(SESSIONS.poll(10, TimeUnit.SECONDS));
            }
            ConnectionSupervisor supervisor = new ConnectionSupervisor(Duration.ofSeconds(30), Duration.ofMinutes(1),
                    "measure");
            List<JettyConnection> connections = new ArrayList<>();
            for (Session s : sessions) {
                connections.add(new JettyConnection(((JakartaWebSocketSession) s).getCoreSession(),
                        Handshake.of("127.0.0.1"), supervisor, Duration.ofSeconds(2)));
            }

            String text = frameText(16 * 1024);
            OutboundFrame frame = OutboundFrame.of(text);
            int frameBytes = frame.size();

            Cost jakarta = measure(sessions, (s, done) ->
                    s.getAsyncRemote().sendText(frame.text(), result -> done.countDown()));
            Cost core = measure(connections, (c, done) -> c.send(frame, failure -> done.countDown()));

            System.out.printf("send path, %d recipients x %d rounds, frame of %d UTF-8 bytes (%d chars)%n",
                    RECIPIENTS, ROUNDS, frameBytes, text.length());
            System.out.printf("  Jakarta getAsyncRemote().sendText(String): %,d bytes allocated and %,d ns CPU "
                    + "per recipient%n", jakarta.bytesPerSend, jakarta.cpuNanosPerSend);
            System.out.printf("  core sendFrame(OutboundFrame.utf8()):      %,d bytes allocated and %,d ns CPU "
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
