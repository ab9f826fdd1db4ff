package io.chitchat.jetty;

import io.chitchat.ChitChatConfig;
import io.chitchat.spi.Handshake;
import io.chitchat.spi.InboundHandler;
import jakarta.websocket.CloseReason;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.MessageHandler;
import jakarta.websocket.PongMessage;
import jakarta.websocket.Session;
import org.eclipse.jetty.ee10.websocket.jakarta.common.JakartaWebSocketSession;
import org.eclipse.jetty.websocket.core.CoreSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Jakarta WebSocket endpoint at {@code {base}/ws}: turns the container's callbacks into engine calls and nothing
 * else. Not an API: public only because Jakarta WebSocket requires endpoint classes to be; it cannot be
 * constructed outside this package. One instance per connection; Jetty calls it on one thread at a time.
 */
public final class ChitChatEndpoint extends Endpoint {
    private static final Logger LOG = LoggerFactory.getLogger(ChitChatEndpoint.class);

    private final Mount mount;
    private JettyConnection connection;

    ChitChatEndpoint(Mount mount) {
        this.mount = mount;
    }

    @Override
    public void onOpen(Session session, EndpointConfig config) {
        Handshake handshake = (Handshake) config.getUserProperties().get(EndpointConfigurator.HANDSHAKE);
        CoreSession core = ((JakartaWebSocketSession) session).getCoreSession();
        ChitChatConfig limits = mount.chat().config();
        core.setMaxTextMessageSize(limits.maxFrameBytes()); // over it Jetty closes with 1009
        core.setMaxBinaryMessageSize(limits.maxFrameBytes());
        core.setIdleTimeout(limits.idleTimeout());
        JettyConnection c = new JettyConnection(core, handshake, mount.supervisor(), mount.options().closeTimeout());
        connection = c;
        mount.supervisor().add(c);
        session.addMessageHandler(String.class, (MessageHandler.Whole<String>) c::onText);
        session.addMessageHandler(PongMessage.class, (MessageHandler.Whole<PongMessage>) pong -> c.onPong());
        InboundHandler handler;
        try {
            handler = mount.chat().open(c);
        } catch (RuntimeException e) {
            LOG.error("Engine refused to open {}", c, e);
            c.close(1011, "server error");
            handler = Ignored.INSTANCE;
        }
        c.attach(handler);
    }

    @Override
    public void onClose(Session session, CloseReason closeReason) {
        if (connection != null) {
            connection.onClosed(closeReason.getCloseCode().getCode());
        }
    }

    @Override
    public void onError(Session session, Throwable cause) {
        // Jetty closes the session after an error and then calls onClose, which tells the engine
        LOG.debug("WebSocket error on {}", connection, cause);
    }

    /** The handler of a connection the engine could not open. */
    private enum Ignored implements InboundHandler {
        INSTANCE;

        @Override
        public void onText(String text) {}

        @Override
        public void onClose(int code) {}
    }
}
