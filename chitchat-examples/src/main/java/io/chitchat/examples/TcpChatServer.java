package io.chitchat.examples;

import io.chitchat.ChitChat;
import io.chitchat.examples.tcp.TcpTransport;
import io.chitchat.jetty.ChitChatServer;
import java.io.IOException;

/**
 * One engine, two transports: the web UI and WebSocket on port 8080, and a plain TCP line transport on port 7000
 * (loopback only, by default). People on {@code nc localhost 7000} and people in the browser share the same rooms.
 *
 * <pre>java -cp chitchat-server.jar io.chitchat.examples.TcpChatServer [--port 8080] [--tcp-port 7000]
 *     [--tcp-host 127.0.0.1]</pre>
 *
 * <p>Thread-safe.
 */
public final class TcpChatServer implements AutoCloseable {
    private final ChitChatServer web;
    private final TcpTransport tcp;

    private TcpChatServer(ChitChatServer web, TcpTransport tcp) {
        this.web = web;
        this.tcp = tcp;
    }

    public static void main(String[] args) throws IOException {
        TcpChatServer server = start(ExampleArgs.port(args), ExampleArgs.option(args, "--tcp-host", "127.0.0.1"),
                ExampleArgs.intOption(args, "--tcp-port", 7000));
        Runtime.getRuntime().addShutdownHook(new Thread(server::close, "shutdown"));
        System.out.println("Web UI: " + server.web().uri() + "   TCP: nc localhost " + server.tcp().port()
                + " (then /help)");
    }

    /** Starts the web server on {@code httpPort} and the TCP transport on {@code tcpHost:tcpPort} (0: free ports). */
    public static TcpChatServer start(int httpPort, String tcpHost, int tcpPort) throws IOException {
        // tag::tcp[]
        ChitChat chat = ChitChat.builder().build();
        ChitChatServer web = ChitChatServer.builder(chat).port(httpPort).build().start(); // starts the engine
        TcpTransport tcp;
        try {
            tcp = TcpTransport.start(chat, tcpHost, tcpPort); // the same engine: the same rooms
        } catch (IOException e) {
            web.stop();
            throw e;
        }
        // end::tcp[]
        return new TcpChatServer(web, tcp);
    }

    public ChitChatServer web() {
        return web;
    }

    public TcpTransport tcp() {
        return tcp;
    }

    /** Closes the TCP connections (1001), then stops the web server and the engine. */
    @Override
    public void close() {
        tcp.close();
        web.stop();
    }
}
