package io.chitchat.jetty;

import io.chitchat.ChitChat;
import io.chitchat.ChitChatBuilder;
import java.net.URI;
import java.time.Duration;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/** A Jetty server on a free loopback port with one context; stops everything on close. */
final class TestServer implements AutoCloseable {
    static final String TEST_WEB_ROOT = "io/chitchat/jetty/testweb/";

    final Server server;
    final ServletContextHandler context;
    final ChitChat chat;
    ChitChatMount mount;

    private TestServer(ServletContextHandler context, ChitChat chat) {
        QueuedThreadPool threads = new QueuedThreadPool(64, 4);
        threads.setName("test-jetty");
        this.server = new Server(threads);
        ServerConnector connector = new ServerConnector(server, 1, 1);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);
        this.context = context;
        this.chat = chat;
        server.setHandler(context);
    }

    /** An engine builder sized for a 2-core test machine. */
    static ChitChatBuilder chat() {
        return ChitChat.builder().workerThreads(2).passwordExecutor(1, 16).presenceInterval(Duration.ofMillis(50));
    }

    /** A server with {@code chat} mounted at {@code base} of a fresh context, using the test web root. */
    static TestServer start(ChitChat chat, String base, JettyOptions options) {
        ServletContextHandler context = new ServletContextHandler("/");
        TestServer s = new TestServer(context, chat);
        s.mount = ChitChatJetty.mount(context, base, chat, options, TEST_WEB_ROOT);
        return s.start();
    }

    static TestServer around(ServletContextHandler context, ChitChat chat) {
        return new TestServer(context, chat);
    }

    TestServer start() {
        chat.start();
        try {
            server.start();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return this;
    }

    int port() {
        return ((ServerConnector) server.getConnectors()[0]).getLocalPort();
    }

    URI http(String path) {
        return URI.create("http://127.0.0.1:" + port() + path);
    }

    URI ws(String path) {
        return URI.create("ws://127.0.0.1:" + port() + path);
    }

    @Override
    public void close() throws Exception {
        chat.close();
        server.stop();
    }
}
