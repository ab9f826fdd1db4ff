package io.chitchat.examples;

// tag::quickstart[]
import io.chitchat.ChitChat;
import io.chitchat.jetty.ChitChatJetty;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.server.Server;

/** The smallest embedding: a Jetty server with a chat at http://localhost:8080/chat/. */
public class QuickStart {
    public static void main(String[] args) throws Exception {
        ChitChat chat = ChitChat.builder().build().start();              // the chat engine
        ServletContextHandler context = new ServletContextHandler("/");  // your web application
        ChitChatJetty.mount(context, "/chat", chat);                     // the chat at /chat/
        Server server = new Server(8080);
        server.setHandler(context);
        server.start();
        System.out.println("Chat running at http://localhost:8080/chat/");
    }
}
// end::quickstart[]
