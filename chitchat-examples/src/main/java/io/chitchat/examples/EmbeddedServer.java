package io.chitchat.examples;

import io.chitchat.ChitChat;
import io.chitchat.jetty.ChitChatJetty;
import io.chitchat.jetty.JettyOptions;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;

/**
 * ChitChat embedded in an application that has its own servlets: the chat lives at {@code /chat/}, the
 * application keeps {@code /hello}. The snippet in the documentation is the body of {@link #main}.
 */
public final class EmbeddedServer {
    private EmbeddedServer() {}

    /** The application's own servlet. */
    static final class HelloServlet extends HttpServlet {
        private static final long serialVersionUID = 1L;

        @Override
        protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
            response.setContentType("text/plain");
            response.getWriter().println("Hello from the application. The chat is at /chat/");
        }
    }

    public static void main(String[] args) throws Exception {
        ChitChat chat = ChitChat.builder().build().start();
        ServletContextHandler context = new ServletContextHandler("/");
        context.addServlet(new ServletHolder(new HelloServlet()), "/hello");
        ChitChatJetty.mount(context, "/chat", chat, JettyOptions.defaults());
        Server server = new Server(8080);
        server.setHandler(context);
        server.start();
        server.join();
    }
}
