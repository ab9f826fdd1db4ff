package io.chitchat.bench.server;

import jakarta.websocket.CloseReason;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.MessageHandler;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpointConfig;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.websocket.jakarta.common.JakartaWebSocketSession;
import org.eclipse.jetty.ee10.websocket.jakarta.server.config.JakartaWebSocketServletContainerInitializer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.websocket.core.CoreSession;
import org.eclipse.jetty.websocket.core.Frame;
import org.eclipse.jetty.websocket.core.OpCode;

/**
 * The baseline: a bare Jetty WebSocket endpoint with no chat logic. Every text frame received is sent to every open
 * session (the sender included). It runs on the same Jetty stack as ChitChat's transport (ee10 Jakarta WebSocket,
 * frames written through the core session with one shared UTF-8 buffer), so the ratio of the two measures the cost
 * of ChitChat's own logic, not a difference of containers. Like ChitChat's rooms, the fan-out runs on a thread of its
 * own (one, so frames keep their order), not on the Jetty thread that read the frame: a broadcast to a thousand
 * sessions inline would hold up Jetty's selector and measure that instead.
 *
 * <p>Thread-safe.
 */
final class BareBroadcastServer implements AutoCloseable {
    private final Server server = new Server();
    private final ServerConnector connector = new ServerConnector(server);
    private final Set<CoreSession> sessions = ConcurrentHashMap.newKeySet();
    private final ExecutorService fanout = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "bare-fanout");
        t.setDaemon(true);
        return t;
    });

    BareBroadcastServer(String host, int port) {
        connector.setHost(host);
        connector.setPort(port);
        server.addConnector(connector);
        ServletContextHandler context = new ServletContextHandler("/");
        JakartaWebSocketServletContainerInitializer.configure(context, (servletContext, container) ->
                container.addEndpoint(ServerEndpointConfig.Builder.create(BareEndpoint.class, "/ws")
                        .configurator(new ServerEndpointConfig.Configurator() {
                            @Override
                            public <T> T getEndpointInstance(Class<T> endpointClass) {
                                return endpointClass.cast(new BareEndpoint(sessions, fanout));
                            }
                        })
                        .build()));
        server.setHandler(context);
    }

    BareBroadcastServer start() throws Exception {
        server.start();
        return this;
    }

    int port() {
        return connector.getLocalPort();
    }

    int connections() {
        return sessions.size();
    }

    @Override
    public void close() {
        try {
            server.stop();
        } catch (Exception e) {
            throw new IllegalStateException("the bare server did not stop: " + e.getMessage(), e);
        } finally {
            fanout.shutdownNow();
        }
    }

    /** One connection; public because Jakarta WebSocket requires endpoint classes to be. */
    public static final class BareEndpoint extends Endpoint {
        private final Set<CoreSession> sessions;
        private final Executor fanout;
        private CoreSession core;

        BareEndpoint(Set<CoreSession> sessions, Executor fanout) {
            this.sessions = sessions;
            this.fanout = fanout;
        }

        @Override
        public void onOpen(Session session, EndpointConfig config) {
            core = ((JakartaWebSocketSession) session).getCoreSession();
            core.setIdleTimeout(Duration.ofMinutes(10));
            sessions.add(core);
            session.addMessageHandler(String.class, (MessageHandler.Whole<String>) text ->
                    fanout.execute(() -> broadcast(text)));
        }

        private void broadcast(String text) {
            byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
            for (CoreSession s : sessions) {
                s.sendFrame(new Frame(OpCode.TEXT).setPayload(ByteBuffer.wrap(bytes).asReadOnlyBuffer()),
                        Callback.NOOP, false);
            }
        }

        @Override
        public void onClose(Session session, CloseReason closeReason) {
            sessions.remove(core);
        }
    }
}
