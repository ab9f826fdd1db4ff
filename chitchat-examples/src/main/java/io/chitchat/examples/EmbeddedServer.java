package io.chitchat.examples;

import io.chitchat.ChitChat;
import io.chitchat.RoomOptions;
import io.chitchat.jetty.ChitChatJetty;
import io.chitchat.jetty.ChitChatMount;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.ee10.servlet.DefaultServlet;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.resource.ResourceFactory;

/**
 * ChitChat embedded in an application that has its own servlets: the application serves its page at {@code /} and
 * {@code /api/hello}; the chat is mounted at {@code /chat} (web UI {@code /chat/}, WebSocket {@code /chat/ws},
 * health {@code /chat/health}), with a permanent room {@code lobby}.
 *
 * <pre>java -cp chitchat-server.jar io.chitchat.examples.EmbeddedServer [--port 8080]</pre>
 *
 * <p>Thread-safe.
 */
public final class EmbeddedServer implements AutoCloseable {
    private final Server server;
    private final ChitChat chat;
    private final ChitChatMount mount;

    private EmbeddedServer(Server server, ChitChat chat, ChitChatMount mount) {
        this.server = server;
        this.chat = chat;
        this.mount = mount;
    }

    public static void main(String[] args) throws Exception {
        EmbeddedServer app = start(ExampleArgs.port(args));
        Runtime.getRuntime().addShutdownHook(new Thread(app::close, "shutdown"));
        System.out.println("The application is at " + app.uri() + " and its chat at " + app.uri().resolve("/chat/"));
    }

    /** Starts the application, with the chat mounted at {@code /chat}, on {@code port} (0: a free one). */
    public static EmbeddedServer start(int port) throws Exception {
        // tag::embed[]
        ChitChat chat = ChitChat.builder().build().start();

        // the application: its own servlet and its own static page
        ServletContextHandler context = new ServletContextHandler("/");
        context.addServlet(new ServletHolder(new HelloServlet()), "/api/hello");
        context.setBaseResource(ResourceFactory.of(context).newClassLoaderResource("io/chitchat/examples/app/"));
        context.addServlet(new ServletHolder("static", DefaultServlet.class), "/");

        // the chat, in one line: /chat/ (web UI), /chat/ws (WebSocket), /chat/health
        ChitChatMount mount = ChitChatJetty.mount(context, "/chat", chat);

        Server server = new Server(port);
        server.setHandler(context);
        server.start();
        // end::embed[]

        // tag::rooms[]
        // the server API: a room that is always there (users may still create their own)
        chat.createRoom(RoomOptions.of("lobby").asPermanent()).get(5, TimeUnit.SECONDS);
        // end::rooms[]
        return new EmbeddedServer(server, chat, mount);
    }

    /** The application's base URI, e.g. {@code http://localhost:8080/}. */
    public URI uri() {
        return URI.create("http://localhost:" + ((ServerConnector) server.getConnectors()[0]).getLocalPort() + "/");
    }

    /** The chat engine, for the server API (rooms, bots, listeners). */
    public ChitChat chat() {
        return chat;
    }

    /** Stops gracefully: new chat connections are refused, open ones closed with 1001, then Jetty stops. */
    @Override
    public void close() {
        try {
            // tag::shutdown[]
            mount.beginShutdown();                              // health answers 503, new WebSocket handshakes 503
            chat.close();                                       // every chat connection is closed with 1001
            mount.awaitNoConnections(Duration.ofSeconds(5));    // let the close handshakes finish
            server.stop();
            // end::shutdown[]
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            throw new IllegalStateException("the application did not stop cleanly", e);
        }
    }

    /** The application's own endpoint: {@code GET /api/hello}. */
    static final class HelloServlet extends HttpServlet {
        private static final long serialVersionUID = 1L;

        @Override
        protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
            response.setContentType("application/json");
            response.setCharacterEncoding("UTF-8");
            response.getWriter().write("{\"message\":\"Hello from the application\"}");
        }
    }
}
