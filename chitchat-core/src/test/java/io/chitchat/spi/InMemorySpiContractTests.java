package io.chitchat.spi;

import io.chitchat.testkit.BrokerContractTest;
import io.chitchat.testkit.HistoryStoreContractTest;
import io.chitchat.testkit.PasswordHasherContractTest;
import io.chitchat.testkit.RoomRegistryContractTest;
import org.junit.jupiter.api.Nested;

/** The built-in SPI implementations against their contracts. */
class InMemorySpiContractTests {

    // the regions tagged below are quoted by docs/spi.md

    @Nested
    // tag::history[]
    class InMemoryHistory extends HistoryStoreContractTest {
        @Override
        protected HistoryStore newStore(int retain) {
            return HistoryStore.inMemory(retain);
        }
    }
    // end::history[]

    @Nested
    // tag::registry[]
    class InMemoryRegistry extends RoomRegistryContractTest {
        @Override
        protected RoomRegistry newRegistry() {
            return RoomRegistry.inMemory();
        }
    }
    // end::registry[]

    @Nested
    // tag::broker[]
    class LocalBrokerContract extends BrokerContractTest {
        @Override
        protected Node newNode() {
            HistoryStore history = HistoryStore.inMemory(1000);
            return new Node(Broker.local(history), history);
        }
    }
    // end::broker[]

    @Nested
    // tag::hasher[]
    class Pbkdf2 extends PasswordHasherContractTest {
        private final PasswordHasher hasher = PasswordHasher.pbkdf2(1_000);

        @Override
        protected PasswordHasher hasher() {
            return hasher;
        }
    }
    // end::hasher[]
}
