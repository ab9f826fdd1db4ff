package io.chitchat.bench.scenario;

import io.chitchat.bench.Args;
import io.chitchat.bench.client.BenchText;
import io.chitchat.bench.client.Inbound;
import io.chitchat.bench.metrics.Window;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.locks.LockSupport;

/**
 * Fan-out: {@code --rooms} rooms of {@code --members} members each; the first {@code --senders} members of each room
 * send 64-character messages. Open loop ({@code --rate} messages a second in total, each stamped with the time it was
 * due) or closed loop ({@code --rate 0}: each sender keeps {@code --window} messages in flight, a message being done
 * when every member of its room has it). After {@code --warmup}, {@code --duration} is measured; then the run drains
 * until every expected delivery arrived or none arrived for {@code --drain}: what is missing then is lost.
 *
 * <p>The {@code bare} scenario is the same workload against the bare Jetty broadcast server: one "room" (every
 * connection), messages shaped like ChitChat's.
 */
final class FanoutScenario implements Scenario {
    private final boolean bareServer;
    private final int rooms;
    private final int members;
    private final int senders;
    private final double rate;
    private final int window;
    private final Duration warmup;
    private final Duration duration;
    private final Duration drain;
    private final Duration setupTimeout;

    private volatile boolean sending;
    private RunContext ctx;
    private List<Member> all;
    /** Per global sender: messages sent; per room: messages sent and refused. */
    private AtomicLongArray sentBy;
    private AtomicLongArray sentIn;
    private AtomicLongArray refusedIn;
    /** Closed loop: per global sender, a ring of remaining receivers per message in flight. */
    private AtomicIntegerArray[] remaining;

    FanoutScenario(Args args, boolean bareServer) {
        this.bareServer = bareServer;
        this.rooms = bareServer ? 1 : args.integer("rooms", 1);
        this.members = args.integer("members", 1000);
        this.senders = args.integer("senders", 1);
        this.rate = args.decimal("rate", 100);
        this.window = args.integer("window", 8);
        this.warmup = args.duration("warmup", "5s");
        this.duration = args.duration("duration", "20s");
        this.drain = args.duration("drain", "10s");
        this.setupTimeout = args.duration("setup-timeout", "120s");
        if (bareServer && args.has("rooms") && args.integer("rooms", 1) != 1) {
            throw new IllegalArgumentException("the bare server has no rooms: --rooms must be 1");
        }
        if (rooms < 1 || members < 1 || senders < 1 || senders > members) {
            throw new IllegalArgumentException("need --rooms >= 1, --members >= 1 and 1 <= --senders <= --members");
        }
        if (rate < 0 || window < 1) {
            throw new IllegalArgumentException("--rate must be >= 0 (0: closed loop) and --window >= 1");
        }
    }

    @Override
    public String name() {
        return bareServer ? "bare" : "fanout";
    }

    @Override
    public String serverMode() {
        return bareServer ? "bare" : "chitchat";
    }

    @Override
    public int connections() {
        return rooms * members;
    }

    @Override
    public void run(RunContext context) throws Exception {
        this.ctx = context;
        boolean bare = ctx.bare();
        int totalSenders = rooms * senders;
        sentBy = new AtomicLongArray(totalSenders);
        sentIn = new AtomicLongArray(rooms);
        refusedIn = new AtomicLongArray(rooms);
        remaining = new AtomicIntegerArray[totalSenders];
        int ring = Integer.highestOneBit(Math.max(1, window) * 2 - 1) << 1;
        for (int i = 0; i < totalSenders; i++) {
            remaining[i] = new AtomicIntegerArray(ring);
        }
        Listener listener = new Listener(bare);
        all = new ArrayList<>(rooms * members);
        for (int r = 0; r < rooms; r++) {
            String roomId = "f-" + ctx.runId + "-" + r;
            for (int i = 0; i < members; i++) {
                all.add(new Member(all.size(), r, roomId, "m" + i, senders));
            }
        }
        ctx.sampler.phase("connect");
        Setup.Phase connect = Setup.connect(ctx, all, listener, setupTimeout);
        if (connect.failed() > 0) {
            throw new IllegalStateException(connect.failed() + " of " + all.size() + " connections failed");
        }
        ctx.sampler.phase("join");
        Setup.Phase join = bare ? new Setup.Phase(all.size(), 0, 0) : Setup.join(ctx, all, null, true, setupTimeout);
        if (join.failed() > 0) {
            throw new IllegalStateException(join.failed() + " of " + all.size() + " joins failed: "
                    + listener.errorSummary());
        }
        if (!bare && !Setup.awaitQuiet(all, setupTimeout, Duration.ofMillis(300))) {
            throw new IllegalStateException("the rooms did not settle after the joins");
        }
        long errorsBefore = ctx.metrics.errors.sum();
        Setup.settleClientHeap();

        ctx.sampler.phase("warmup");
        sending = true;
        Thread pacer = null;
        if (rate > 0) {
            pacer = new Thread(this::openLoop, "bench-pacer");
            pacer.setDaemon(true);
            pacer.start();
        } else {
            for (int s = 0; s < totalSenders; s++) {
                for (int k = 0; k < window; k++) {
                    sendNext(s, BenchText.now());
                }
            }
        }
        Thread.sleep(warmup.toMillis());
        ctx.sampler.phase("measure");
        double from = ctx.sampler.elapsedSeconds();
        ctx.sampler.startMeasuring();
        Thread.sleep(duration.toMillis());
        Window w = ctx.sampler.stopMeasuring();
        double to = ctx.sampler.elapsedSeconds();
        sending = false;
        if (pacer != null) {
            pacer.join(2_000);
        }
        ctx.sampler.phase("drain");
        long expected = expectedDeliveries();
        Setup.drain(ctx.metrics.deliveries::sum, expected, drain);
        long delivered = ctx.metrics.deliveries.sum();

        Report.window(ctx.report, w);
        ctx.report.put("rooms", rooms).put("members", members).put("senders", senders)
                .put("mode", rate > 0 ? "open" : "closed")
                .put("rate", rate > 0 ? rate : w.sent() / w.seconds());
        if (rate == 0) {
            ctx.report.put("window", window);
        }
        ctx.report.put("sent", sum(sentIn)).put("refused", sum(refusedIn)).put("expected", expected)
                .put("delivered", delivered).put("lost", Math.max(0, expected - delivered))
                .put("gaps", ctx.metrics.gaps.sum()).put("reordered", ctx.metrics.reordered.sum())
                .put("errors", ctx.metrics.errors.sum() - errorsBefore).put("error_codes", listener.errorSummary())
                .put("unexpected_closes", ctx.metrics.unexpectedCloses.sum())
                .put("connect_per_s", connect.perSecond()).put("join_s", join.seconds());
        if (delivered > expected) {
            ctx.report.note((delivered - expected) + " deliveries more than expected (duplicates?)");
        }
        ctx.report.timeline(ctx.sampler.timeline(), from, to);
        ctx.report.latency(w.latency());
        ctx.sampler.phase("close");
        Setup.closeAll(all, Duration.ofSeconds(10));
    }

    private long expectedDeliveries() {
        long n = 0;
        for (int r = 0; r < rooms; r++) {
            n += (sentIn.get(r) - refusedIn.get(r)) * members;
        }
        return n;
    }

    private static long sum(AtomicLongArray a) {
        long n = 0;
        for (int i = 0; i < a.length(); i++) {
            n += a.get(i);
        }
        return n;
    }

    /** Open loop: message k is due at start + k / rate, from sender k mod senders; stamped with its due time. */
    private void openLoop() {
        int totalSenders = rooms * senders;
        long start = BenchText.now();
        double intervalNanos = 1e9 / rate;
        for (long k = 0; sending; k++) {
            long due = start + (long) (k * intervalNanos);
            long wait;
            while ((wait = due - BenchText.now()) > 0 && sending) {
                LockSupport.parkNanos(Math.min(wait, TimeUnit.MILLISECONDS.toNanos(100)));
            }
            if (!sending) {
                return;
            }
            sendNext((int) (k % totalSenders), due);
        }
    }

    /** Sends the next message of a global sender (room = sender / senders). */
    private void sendNext(int sender, long stamp) {
        int room = sender / senders;
        int local = sender % senders;
        long number = sentBy.getAndIncrement(sender);
        Member m = all.get(room * members + local);
        String text = BenchText.of(stamp, local, number);
        if (rate == 0) {
            AtomicIntegerArray ring = remaining[sender];
            ring.set((int) (number & (ring.length() - 1)), members);
        }
        sentIn.incrementAndGet(room);
        ctx.metrics.sent.increment();
        if (ctx.bare()) {
            m.client.send(ClientText.bareMessage(number + 1, m.name, text));
        } else {
            m.client.send(ClientText.send("s" + local + "-" + number, m.roomId, text));
        }
    }

    /** Closed loop: a message every member received is done; its sender sends the next one. */
    private void done(int room, int local, long number) {
        int sender = room * senders + local;
        AtomicIntegerArray ring = remaining[sender];
        if (ring.decrementAndGet((int) (number & (ring.length() - 1))) == 0 && sending) {
            sendNext(sender, BenchText.now());
        }
    }

    private final class Listener extends MemberListener {
        Listener(boolean bare) {
            super(FanoutScenario.this.ctx.metrics, bare);
        }

        @Override
        void onBenchMessage(Member m, Inbound in) {
            if (rate == 0 && in.sender >= 0 && in.sender < senders) {
                done(m.room, in.sender, in.number);
            }
        }

        @Override
        void onError(Member m, String code, String ref, String message) {
            super.onError(m, code, ref, message);
            if (ref != null && ref.startsWith("s")) {
                // a refused send: no delivery is expected, and in a closed loop its slot is free again
                refusedIn.incrementAndGet(m.room);
                int dash = ref.indexOf('-');
                int local = Integer.parseInt(ref.substring(1, dash));
                long number = Long.parseLong(ref.substring(dash + 1));
                if (rate == 0) {
                    AtomicIntegerArray ring = remaining[m.room * senders + local];
                    if (ring.getAndSet((int) (number & (ring.length() - 1)), 0) > 0 && sending) {
                        sendNext(m.room * senders + local, BenchText.now());
                    }
                }
            }
        }

        @Override
        void onClose(Member m, int code, String reason) {
            if (sending) {
                metrics.unexpectedCloses.increment();
            }
        }
    }

}
