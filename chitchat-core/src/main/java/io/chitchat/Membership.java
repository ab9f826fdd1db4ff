package io.chitchat;

import io.chitchat.protocol.Member;
import io.chitchat.spi.Scheduler;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One member of a room on this node: the member, the connection it is attached to (null during the grace
 * period), its send bucket, typing throttle and recently used cids. Confined to the room's executor.
 */
final class Membership {
    private static final int REMEMBERED_CIDS = 256;

    final Member member;
    Session session;
    /** Entries up to this seq reached the member through {@code joined}; fan-out skips them. */
    long joinedSeq;
    final TokenBucket sendBucket;
    long lastTypingMillis = Long.MIN_VALUE / 2;
    Scheduler.Cancellable graceTimer;
    final Map<String, Long> cids = new LinkedHashMap<>(16, 0.75f, false) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Long> eldest) {
            return size() > REMEMBERED_CIDS;
        }
    };

    Membership(Member member, Session session, TokenBucket sendBucket) {
        this.member = member;
        this.session = session;
        this.sendBucket = sendBucket;
    }

    String id() {
        return member.id();
    }
}
