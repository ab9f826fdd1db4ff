package io.chitchat.redis;

import io.chitchat.spi.HistoryStore;
import io.chitchat.spi.RoomRegistry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;

/** Checks the contracts themselves against core's in-memory implementations (no Redis needed). */
class InMemoryContractsTest {

    @Nested
    class History extends HistoryStoreContract {
        @Override
        protected HistoryStore store(int retain) {
            return HistoryStore.inMemory(retain);
        }
    }

    @Nested
    class Registry extends RoomRegistryContract {
        private RoomRegistry registry;

        @BeforeEach
        void setUp() {
            registry = RoomRegistry.inMemory();
        }

        @Override
        protected RoomRegistry registry() {
            return registry;
        }
    }
}
