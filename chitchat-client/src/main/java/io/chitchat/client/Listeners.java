package io.chitchat.client;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A client's listeners; a failing listener is logged and disturbs neither the client nor the others. Thread-safe. */
final class Listeners {
    private static final Logger LOG = LoggerFactory.getLogger(Listeners.class);

    private final CopyOnWriteArrayList<ClientListener> listeners;

    Listeners(List<ClientListener> initial) {
        listeners = new CopyOnWriteArrayList<>(initial);
    }

    void add(ClientListener listener) {
        listeners.add(listener);
    }

    boolean remove(ClientListener listener) {
        return listeners.remove(listener);
    }

    /** Calls every listener; {@code event} names the callback in the log line of a failure. */
    void fire(String event, Consumer<ClientListener> call) {
        for (ClientListener l : listeners) {
            try {
                call.accept(l);
            } catch (RuntimeException e) {
                LOG.warn("Client listener {} failed in {}", l.getClass().getName(), event, e);
            }
        }
    }
}
