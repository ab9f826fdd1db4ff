package io.chitchat.examples.tcp;

import io.chitchat.ChitChat;
import io.chitchat.testkit.TestClient;
import io.chitchat.testkit.TransportContractTest;

/** The whole protocol v1 contract, in JSON mode, over the TCP line transport. */
class TcpTransportContractTest extends TransportContractTest {

    // tag::contract[]
    @Override
    protected Served serve(ChitChat chat) throws Exception {
        TcpTransport tcp = TcpTransport.start(chat, "127.0.0.1", 0);
        return new Served() {
            @Override
            public TestClient connect() throws Exception {
                return new TcpTestClient(tcp.port());
            }

            @Override
            public void close() {
                tcp.close();
            }
        };
    }
    // end::contract[]
}
