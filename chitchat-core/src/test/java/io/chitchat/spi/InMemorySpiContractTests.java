package io.chitchat.spi;

import io.chitchat.testkit.BrokerContractTest;
import io.chitchat.testkit.HistoryStoreContractTest;
import io.chitchat.testkit.PasswordHasherContractTest;
import io.chitchat.testkit.RoomRegistryContractTest;
import org.junit.jupiter.api.Nested;

/** The built-in SPI implementations against their contracts. */
class InMemorySpiContractTests {

    @Nested
    class InMemoryHistory extends HistoryStoreContractTest {
        @Override
        protected HistoryStore newStore(int retain) {
            return HistoryStore.inMemory(retain);
        }
    }

    @Nested
    class InMemoryRegistry extends RoomRegistryContractTest {
        @Override
        protected RoomRegistry newRegistry() {
            return RoomRegistry.inMemory();
        }
    }

    @Nested
    class LocalBrokerContract extends BrokerContractTest {
        @Override
        protected Node newNode() {
            HistoryStore history = HistoryStore.inMemory(1000);
            return new Node(Broker.local(history), history);
        }
    }

    @Nested
    class Pbkdf2 extends PasswordHasherContractTest {
        private final PasswordHasher hasher = PasswordHasher.pbkdf2(1_000);

        @Override
        protected PasswordHasher hasher() {
            return hasher;
        }
    }
}
