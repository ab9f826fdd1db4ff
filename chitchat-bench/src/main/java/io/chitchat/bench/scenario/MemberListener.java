package io.chitchat.bench.scenario;

import io.chitchat.bench.client.BenchClient;
import io.chitchat.bench.client.BenchText;
import io.chitchat.bench.client.ClientListener;
import io.chitchat.bench.client.Inbound;
import io.chitchat.bench.metrics.Metrics;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * The protocol side every scenario shares: completes a member's {@code welcomed} and {@code joined} futures, checks
 * every entry against the member's room seq (gaps and reordering; in bare mode, each sender's message numbers),
 * records the latency of every bench message, and counts errors by code. Scenarios override the hooks.
 *
 * <p>Thread-safe: the state it touches per member is confined to that member's receive path.
 */
class MemberListener implements ClientListener {
    final Metrics metrics;
    final boolean bare;
    final Map<String, LongAdder> errorCodes = new ConcurrentHashMap<>();

    MemberListener(Metrics metrics, boolean bare) {
        this.metrics = metrics;
        this.bare = bare;
    }

    @Override
    public void onOpen(BenchClient client) {
        if (bare) {
            ((Member) client.state).welcomed.complete(null);
        }
    }

    @Override
    public final void onFrame(BenchClient client, Inbound in) {
        Member m = (Member) client.state;
        metrics.framesIn.increment();
        metrics.bytesIn.add(in.size);
        switch (in.kind) {
            case MESSAGE -> {
                if (bare) {
                    number(m, in);
                } else {
                    entry(m, in.seq);
                }
                if (in.sentNanos >= 0) {
                    metrics.recordLatencyNanos(BenchText.now() - in.sentNanos);
                    metrics.deliveries.increment();
                    m.messages++;
                    onBenchMessage(m, in);
                }
            }
            case SYSTEM -> entry(m, in.seq);
            case WELCOME -> m.welcomed.complete(null);
            case JOINED -> joined(m, in);
            case ERROR -> {
                String code = in.code;
                errorCodes.computeIfAbsent(code == null ? "unknown" : code, k -> new LongAdder()).increment();
                metrics.errors.increment();
                onError(m, code, in.ref, in.message);
            }
            case ACK -> onAck(m, in);
            case LEFT -> onLeft(m, in);
            default -> { }
        }
    }

    private void joined(Member m, Inbound in) {
        long seq = in.seq;
        m.joinedSeq = seq;
        m.memberId = in.memberId;
        m.resume = in.resume;
        m.epoch = in.epoch;
        m.joinedAtNanos = System.nanoTime();
        m.lastSeq = seq;
        long[] early = m.early;
        m.early = new long[0];
        Arrays.sort(early);
        for (long e : early) {
            if (e > seq) {
                entry(m, e);
            }
        }
        onJoined(m, in);
        m.joined.complete(null);
    }

    /** Checks one entry of the member's room against the seq order. */
    final void entry(Member m, long seq) {
        long last = m.lastSeq;
        if (last < 0) {
            long[] e = Arrays.copyOf(m.early, m.early.length + 1);
            e[e.length - 1] = seq;
            m.early = e;
            return;
        }
        if (seq == last + 1) {
            m.lastSeq = seq;
        } else if (seq <= last) {
            metrics.reordered.increment();
        } else {
            metrics.gaps.add(seq - last - 1);
            m.lastSeq = seq;
        }
    }

    /** Bare mode: each sender's messages must arrive in number order, without gaps. */
    private void number(Member m, Inbound in) {
        if (in.sender < 0 || in.sender >= m.lastNumber.length) {
            return;
        }
        long last = m.lastNumber[in.sender];
        if (in.number == last + 1) {
            m.lastNumber[in.sender] = in.number;
        } else if (in.number <= last) {
            metrics.reordered.increment();
        } else {
            metrics.gaps.add(in.number - last - 1);
            m.lastNumber[in.sender] = in.number;
        }
    }

    @Override
    public void onClosed(BenchClient client, int code, String reason) {
        Member m = (Member) client.state;
        m.welcomed.completeExceptionally(new IllegalStateException("closed " + code + " " + reason));
        m.joined.completeExceptionally(new IllegalStateException("closed " + code + " " + reason));
        onClose(m, code, reason);
    }

    /** Error frames received, except those with the given codes (answers a scenario expects and handles). */
    long errorsExcept(String... codes) {
        long n = metrics.errors.sum();
        for (String c : codes) {
            LongAdder a = errorCodes.get(c);
            n -= a == null ? 0 : a.sum();
        }
        return n;
    }

    /** The errors received, by code ({@code code:count,...}), or "none". */
    String errorSummary() {
        if (errorCodes.isEmpty()) {
            return "none";
        }
        StringBuilder sb = new StringBuilder();
        errorCodes.forEach((k, v) -> sb.append(sb.length() == 0 ? "" : ",").append(k).append(':').append(v.sum()));
        return sb.toString();
    }

    // ---------------------------------------------------------------- hooks

    void onBenchMessage(Member m, Inbound in) {}

    void onJoined(Member m, Inbound in) {}

    void onAck(Member m, Inbound in) {}

    /** An error frame; by default a refused join fails the member's {@code joined} future. */
    void onError(Member m, String code, String ref, String message) {
        if (ref != null && ref.startsWith("j")) {
            m.joined.completeExceptionally(new JoinRefused(code, message));
        }
    }

    void onLeft(Member m, Inbound in) {}

    void onClose(Member m, int code, String reason) {}

    /** A join answered with an error frame. */
    static final class JoinRefused extends RuntimeException {
        final String code;

        JoinRefused(String code, String message) {
            super(code + ": " + message, null, false, false);
            this.code = code;
        }
    }
}
