package io.chitchat;

/** A token bucket on a millisecond clock. Not thread-safe: used by one owner. */
final class TokenBucket {
    private final double perMilli;
    private final double capacity;
    private double tokens;
    private long last;

    TokenBucket(double perSecond, int capacity, long nowMillis) {
        this.perMilli = perSecond / 1000.0;
        this.capacity = capacity;
        this.tokens = capacity;
        this.last = nowMillis;
    }

    boolean tryTake(long nowMillis) {
        if (nowMillis > last) {
            tokens = Math.min(capacity, tokens + (nowMillis - last) * perMilli);
            last = nowMillis;
        }
        if (tokens >= 1) {
            tokens -= 1;
            return true;
        }
        return false;
    }
}
