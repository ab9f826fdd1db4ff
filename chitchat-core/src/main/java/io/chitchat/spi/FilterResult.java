package io.chitchat.spi;

import java.util.Objects;

/** The outcome of {@link MessageFilter#filter}. */
public sealed interface FilterResult {

    record Allow() implements FilterResult {}

    record Reject(String reason) implements FilterResult {
        public Reject {
            Objects.requireNonNull(reason, "reason");
        }
    }

    record Replace(String text) implements FilterResult {
        public Replace {
            Objects.requireNonNull(text, "text");
        }
    }

    static FilterResult allow() {
        return new Allow();
    }

    static FilterResult reject(String reason) {
        return new Reject(reason);
    }

    static FilterResult replace(String text) {
        return new Replace(text);
    }
}
