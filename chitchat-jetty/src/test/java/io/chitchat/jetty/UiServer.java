package io.chitchat.jetty;

import io.chitchat.ChitChat;
import io.chitchat.spi.PasswordHasher;
import java.net.URI;
import java.net.http.HttpClient;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;

/**
 * A real {@link ChitChatServer} on a free port for the browser tests: default limits, a fast password hasher. The
 * browsers use its own connector; Java participants ({@link Bot}) use a second one, so that the browsers' connections
 * can be dropped (and their reconnects held back) while the others go on talking.
 */
final class UiServer implements AutoCloseable {
    final ChitChat chat;
    final ChitChatServer server;
    private final ServerConnector side;
    private final Gate gate;
    private final HttpClient http = WsClient.httpClient();

    private UiServer() {
        chat = ChitChat.builder().passwordHasher(PasswordHasher.pbkdf2(1_000)).build();
        server = ChitChatServer.builder(chat).host("127.0.0.1").port(0).build();
        gate = new Gate(server.jetty().getHandler());
        server.jetty().setHandler(gate);
        side = new ServerConnector(server.jetty(), 1, 1);
        side.setHost("127.0.0.1");
        side.setPort(0);
        server.jetty().addConnector(side);
    }

    static UiServer start() {
        UiServer s = new UiServer();
        s.server.start();
        return s;
    }

    /** The web UI, e.g. {@code http://127.0.0.1:port/}. */
    URI uri() {
        return server.uri();
    }

    /** A Java participant in {@code room}, connected through the side connector. */
    Bot join(String room, String name, String password) {
        return Bot.join(WsClient.connect(http, URI.create("ws://127.0.0.1:" + side.getLocalPort() + "/ws")), room,
                name, password);
    }

    /**
     * Drops every connection of the browsers' connector without a close handshake, as a network failure would, and
     * refuses WebSocket handshakes there until {@link #admitBrowsers()}.
     */
    void dropBrowsers() {
        gate.closed = true;
        ServerConnector browsers = (ServerConnector) server.jetty().getConnectors()[0];
        for (EndPoint endPoint : browsers.getConnectedEndPoints()) {
            endPoint.close();
        }
    }

    void admitBrowsers() {
        gate.closed = false;
    }

    @Override
    public void close() {
        server.stop();
    }

    /** Answers WebSocket handshakes with 503 while closed (as a server that is away would). */
    private static final class Gate extends Handler.Wrapper {
        volatile boolean closed;

        Gate(Handler handler) {
            super(handler);
        }

        @Override
        public boolean handle(Request request, Response response, Callback callback) throws Exception {
            if (closed && request.getHttpURI().getPath().endsWith("/ws")) {
                Response.writeError(request, response, callback, HttpStatus.SERVICE_UNAVAILABLE_503);
                return true;
            }
            return super.handle(request, response, callback);
        }
    }
}
