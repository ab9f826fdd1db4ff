package io.chitchat.bench.scenario;

import io.chitchat.bench.Args;
import io.chitchat.bench.client.BenchText;
import io.chitchat.bench.metrics.Window;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Many idle joined connections: {@code --connections} members in rooms of {@code --room-size}. Reports how fast they
 * connect and join, the server's live heap per connection (after forced GC, against the heap before any connection),
 * and, with {@code --broadcast-interval} (default 1 s), the latency of one message per room per interval, so that one
 * broadcast reaches every connection: broadcasts run for {@code --warmup} (default 5 s, not measured: a fresh
 * server's first bursts to every connection run with cold JIT and caches), then for {@code --duration}, measured.
 * Every broadcast, warm-up included, counts for loss.
 */
final class ConnectionsScenario implements Scenario {
    private final int connections;
    private final int roomSize;
    private final Duration interval;
    private final Duration duration;
    private final Duration warmup;
    private final Duration setupTimeout;
    private final boolean measureHeap;
    private final int prewarm;

    ConnectionsScenario(Args args) {
        this.connections = args.integer("connections", 5000);
        this.roomSize = args.integer("room-size", 100);
        this.interval = args.duration("broadcast-interval", "1s");
        this.duration = args.duration("duration", "30s");
        this.warmup = args.duration("warmup", "5s");
        this.setupTimeout = args.duration("setup-timeout", "300s");
        this.measureHeap = !args.flag("no-heap");
        this.prewarm = args.integer("prewarm", 0);
        if (connections < 1 || roomSize < 1) {
            throw new IllegalArgumentException("--connections and --room-size must be at least 1");
        }
    }

    /**
     * Connects, joins and closes {@code --prewarm} connections first, so that a fresh server's JIT is warm when the
     * connection rate is measured (each run starts its own server).
     */
    private void prewarm(RunContext ctx, MemberListener listener) throws Exception {
        ctx.sampler.phase("prewarm");
        List<Member> warm = new ArrayList<>(prewarm);
        for (int i = 0; i < prewarm; i++) {
            int room = i / roomSize;
            warm.add(new Member(i, room, "w-" + ctx.runId + "-" + room, "w" + (i % roomSize), 1));
        }
        Setup.connect(ctx, warm, listener, setupTimeout);
        Setup.join(ctx, warm, null, true, setupTimeout);
        for (Member m : warm) {
            m.client.send(ClientText.leave("l" + m.index, m.roomId));
        }
        Setup.closeAll(warm, Duration.ofSeconds(30));
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (ctx.server.stat("connections") > 0 && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        ctx.metrics.errors.reset();
    }

    @Override
    public String name() {
        return "connections";
    }

    @Override
    public int connections() {
        return connections;
    }

    @Override
    public void run(RunContext ctx) throws Exception {
        MemberListener listener = new MemberListener(ctx.metrics, false);
        if (prewarm > 0) {
            prewarm(ctx, listener);
        }
        long heapBefore = measureHeap ? ctx.server.heapAfterGc() : -1;
        List<Member> members = new ArrayList<>(connections);
        List<Member> senders = new ArrayList<>();
        for (int i = 0; i < connections; i++) {
            int room = i / roomSize;
            Member m = new Member(i, room, "c-" + ctx.runId + "-" + room, "m" + (i % roomSize), 1);
            members.add(m);
            if (i % roomSize == 0) {
                senders.add(m);
            }
        }
        ctx.sampler.phase("connect");
        long start = System.nanoTime();
        Setup.Phase connect = Setup.connect(ctx, members, listener, setupTimeout);
        ctx.sampler.phase("join");
        Setup.Phase join = Setup.join(ctx, members, null, true, setupTimeout);
        double joinedAll = (System.nanoTime() - start) / 1e9;
        if (!Setup.awaitQuiet(members, setupTimeout, Duration.ofMillis(300))) {
            ctx.report.note("the rooms did not settle after the joins");
        }
        ctx.sampler.phase("idle");
        long heapAfter = measureHeap ? ctx.server.heapAfterGc() : -1;
        long serverConnections = ctx.server.stat("connections");

        ctx.report.put("connections", connections).put("room_size", roomSize).put("rooms", senders.size())
                .put("connected", connect.ok()).put("connect_failed", connect.failed())
                .put("connect_s", connect.seconds()).put("connect_per_s", connect.perSecond())
                .put("joined", join.ok()).put("join_failed", join.failed()).put("join_s", join.seconds())
                .put("connect_and_join_per_s", join.ok() / joinedAll)
                .put("server_connections", serverConnections);
        if (measureHeap) {
            ctx.report.put("heap_before_mb", heapBefore / 1048576.0).put("heap_after_mb", heapAfter / 1048576.0)
                    .put("heap_kb_per_conn", heapBefore < 0 || heapAfter < 0 ? Double.NaN
                            : (heapAfter - heapBefore) / 1024.0 / connect.ok());
        }

        if (!interval.isZero()) {
            Setup.settleClientHeap();
            ctx.sampler.phase(warmup.isZero() ? "broadcast" : "warmup");
            long errorsBefore = ctx.metrics.errors.sum();
            long deliveredBefore = ctx.metrics.deliveries.sum();
            double from = ctx.sampler.elapsedSeconds();
            long broadcasts = 0;
            long expected = 0;
            long next = System.nanoTime();
            long measureFrom = next + warmup.toNanos();
            long end = measureFrom + duration.toNanos();
            boolean measuring = false;
            while (System.nanoTime() < end) {
                if (!measuring && System.nanoTime() >= measureFrom) {
                    ctx.sampler.phase("broadcast");
                    from = ctx.sampler.elapsedSeconds();
                    ctx.sampler.startMeasuring();
                    measuring = true;
                }
                long stamp = BenchText.now();
                for (Member s : senders) {
                    s.client.send(ClientText.send("b" + broadcasts, s.roomId, BenchText.of(stamp, 0, broadcasts)));
                    ctx.metrics.sent.increment();
                    expected += Math.min(roomSize, connections - s.index);
                }
                broadcasts++;
                next += interval.toNanos();
                long wait = next - System.nanoTime();
                if (wait > 0) {
                    Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                }
            }
            if (!measuring) {
                ctx.sampler.startMeasuring();
            }
            Setup.drain(() -> ctx.metrics.deliveries.sum() - deliveredBefore, expected, Duration.ofSeconds(10));
            Window w = ctx.sampler.stopMeasuring();
            double to = ctx.sampler.elapsedSeconds();
            long delivered = ctx.metrics.deliveries.sum() - deliveredBefore;
            Report.window(ctx.report, w);
            ctx.report.put("broadcasts", broadcasts).put("expected", expected).put("delivered", delivered)
                    .put("lost", Math.max(0, expected - delivered))
                    .put("errors", ctx.metrics.errors.sum() - errorsBefore);
            ctx.report.timeline(ctx.sampler.timeline(), from, to);
            ctx.report.latency(w.latency());
        } else {
            ctx.report.timeline(ctx.sampler.timeline(), Double.NaN, Double.NaN);
        }
        ctx.report.put("gaps", ctx.metrics.gaps.sum()).put("reordered", ctx.metrics.reordered.sum())
                .put("error_codes", listener.errorSummary());
        ctx.sampler.phase("close");
        Setup.closeAll(members, Duration.ofSeconds(30));
    }
}
