package io.chitchat.jetty;

import io.chitchat.ChitChat;
import io.chitchat.testkit.TransportContractTest;
import io.chitchat.testkit.WebSocketTestClient;
import java.net.URI;

/** The whole protocol contract over real WebSockets, through the Jetty transport. */
class JettyTransportContractTest extends TransportContractTest {

    @Override
    protected Served serve(ChitChat chat) {
        ChitChatServer server = ChitChatServer.builder(chat).host("127.0.0.1").port(0).build().start();
        URI ws = URI.create("ws://127.0.0.1:" + server.port() + "/ws");
        return new Served() {
            @Override
            public WebSocketTestClient connect() throws Exception {
                return new WebSocketTestClient(ws);
            }

            @Override
            public void close() {
                server.close();
            }
        };
    }
}
