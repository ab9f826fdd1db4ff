package io.chitchat.jetty;

import io.chitchat.ChitChat;
import java.time.Duration;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;

/** The state of one mount, shared by its endpoint, filter and servlets. */
final class Mount implements ChitChatMount {
    private final ServletContextHandler context;
    private final String basePath;
    private final ChitChat chat;
    private final JettyOptions options;
    private final ConnectionSupervisor supervisor;
    private volatile boolean shuttingDown;

    Mount(ServletContextHandler context, String basePath, ChitChat chat, JettyOptions options) {
        this.context = context;
        this.basePath = basePath;
        this.chat = chat;
        this.options = options;
        this.supervisor = new ConnectionSupervisor(chat.config().pingInterval(), chat.config().idleTimeout(),
                "chitchat-ws" + (basePath.isEmpty() ? "" : basePath.replace('/', '-')));
    }

    @Override
    public String basePath() {
        return basePath;
    }

    @Override
    public ServletContextHandler context() {
        return context;
    }

    @Override
    public ChitChat chat() {
        return chat;
    }

    JettyOptions options() {
        return options;
    }

    ConnectionSupervisor supervisor() {
        return supervisor;
    }

    @Override
    public void beginShutdown() {
        shuttingDown = true;
    }

    @Override
    public boolean isShuttingDown() {
        return shuttingDown;
    }

    @Override
    public int connections() {
        return supervisor.size();
    }

    @Override
    public boolean awaitNoConnections(Duration timeout) throws InterruptedException {
        return supervisor.awaitEmpty(timeout);
    }

    @Override
    public String toString() {
        return "ChitChat mount at '" + basePath + "/' of " + context;
    }
}
