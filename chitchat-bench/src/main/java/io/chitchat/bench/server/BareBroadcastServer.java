package io.chitchat.bench.server;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.FilterConfig;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletCoreRequest;
import org.eclipse.jetty.ee10.servlet.ServletCoreResponse;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.FutureCallback;
import org.eclipse.jetty.websocket.core.CloseStatus;
import org.eclipse.jetty.websocket.core.CoreSession;
import org.eclipse.jetty.websocket.core.Frame;
import org.eclipse.jetty.websocket.core.FrameHandler;
import org.eclipse.jetty.websocket.core.OpCode;
import org.eclipse.jetty.websocket.core.WebSocketComponents;
import org.eclipse.jetty.websocket.core.server.Handshaker;
import org.eclipse.jetty.websocket.core.server.WebSocketNegotiator;
import org.eclipse.jetty.websocket.core.server.WebSocketServerComponents;

/**
 * The baseline: a bare Jetty WebSocket endpoint with no chat logic. Every text frame received is sent to every open
 * session (the sender included). It runs on the same Jetty stack as ChitChat's transport (an ee10 servlet context, a
 * filter that upgrades with Jetty's core WebSocket handshaker, a core {@link FrameHandler} per connection, frames
 * written through the core session with one shared UTF-8 buffer), so the ratio of the two measures the cost of
 * ChitChat's own logic, not a difference of containers. Like ChitChat's rooms, the fan-out runs on a thread of its
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
        context.addFilter(new FilterHolder(new UpgradeFilter()), "/ws", EnumSet.of(DispatcherType.REQUEST));
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

    /** Upgrades every WebSocket handshake at {@code /ws} to a {@link BareHandler}. */
    private final class UpgradeFilter implements Filter {
        private final Handshaker handshaker = Handshaker.newInstance();
        private WebSocketComponents components;

        @Override
        public void init(FilterConfig config) {
            ServletContextHandler context = ServletContextHandler.getServletContextHandler(config.getServletContext());
            components = WebSocketServerComponents.ensureWebSocketComponents(context.getServer(), context);
        }

        @Override
        public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain)
                throws IOException, ServletException {
            Request request = ServletCoreRequest.wrap((HttpServletRequest) req);
            if (handshaker.isWebSocketUpgradeRequest(request)) {
                FutureCallback done = new FutureCallback();
                WebSocketNegotiator negotiator = (upgradeRequest, upgradeResponse, callback) -> {
                    upgradeResponse.setExtensions(List.of());
                    return new BareHandler();
                };
                if (handshaker.upgradeRequest(negotiator, request,
                        ServletCoreResponse.wrap(request, (HttpServletResponse) res, false), done, components,
                        configuration -> { })) {
                    done.block();
                    return;
                }
            }
            chain.doFilter(req, res);
        }
    }

    /** One connection. */
    private final class BareHandler implements FrameHandler {
        private CoreSession core;

        @Override
        public void onOpen(CoreSession coreSession, Callback callback) {
            core = coreSession;
            core.setIdleTimeout(Duration.ofMinutes(10));
            core.setAutoFragment(false); // whole frames only: Jetty would split one that crosses its read buffer
            sessions.add(core);
            callback.succeeded();
            core.demand();
        }

        @Override
        public void onFrame(Frame frame, Callback callback) {
            if (frame.getOpCode() == OpCode.TEXT && frame.isFin()) {
                byte[] bytes = new byte[frame.getPayloadLength()];
                frame.getPayload().get(bytes);
                fanout.execute(() -> broadcast(bytes));
            } else if (frame.getOpCode() == OpCode.PING) {
                byte[] bytes = new byte[frame.getPayloadLength()];
                frame.getPayload().get(bytes);
                core.sendFrame(new Frame(OpCode.PONG).setPayload(bytes), Callback.NOOP, false);
            }
            callback.succeeded();
            if (frame.getOpCode() != OpCode.CLOSE) {
                core.demand();
            }
        }

        private void broadcast(byte[] bytes) {
            for (CoreSession s : sessions) {
                s.sendFrame(new Frame(OpCode.TEXT).setPayload(ByteBuffer.wrap(bytes).asReadOnlyBuffer()),
                        Callback.NOOP, false);
            }
        }

        @Override
        public void onError(Throwable cause, Callback callback) {
            callback.succeeded();
        }

        @Override
        public void onClosed(CloseStatus closeStatus, Callback callback) {
            sessions.remove(core);
            callback.succeeded();
        }
    }
}
