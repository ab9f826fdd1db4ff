package io.chitchat.memory;

import io.chitchat.ChitChat;
import io.chitchat.testkit.InMemoryTestClient;
import io.chitchat.testkit.TransportContractTest;

/** The protocol contract over the in-memory transport. */
class InMemoryTransportContractTest extends TransportContractTest {
    @Override
    protected Served serve(ChitChat chat) {
        return () -> new InMemoryTestClient(chat);
    }
}
