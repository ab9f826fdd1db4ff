package io.chitchat.spi;

/** Completion of a {@link TransportConnection#send}. Invoked exactly once, on any thread; must not block. */
@FunctionalInterface
public interface SendCallback {

    /**
     * @param failure null when the frame was written, otherwise why it was not
     */
    void completed(Throwable failure);
}
