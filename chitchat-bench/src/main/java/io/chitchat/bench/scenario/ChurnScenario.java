package io.chitchat.bench.scenario;

import io.chitchat.bench.Args;
import io.chitchat.bench.client.BenchText;
import io.chitchat.bench.client.Inbound;
import io.chitchat.bench.metrics.Window;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Churn: {@code --clients} virtual users loop for {@code --duration}: connect, join one of {@code --rooms} rooms
 * (creating it if it is gone), send {@code --messages} messages and wait for their acks, then leave and close — or,
 * for {@code --drop-pct} per cent of the cycles, drop the connection without leaving (the grace period then removes
 * the member). Every member checks its room's seq order while joined. Afterwards the server must return to zero
 * connections and zero rooms within {@code --settle}; what remains is reported as a leak. The server runs with a short
 * empty-room TTL (1 s) and grace period (2 s) so that this happens in seconds.
 */
final class ChurnScenario implements Scenario {
    private final int clients;
    private final int rooms;
    private final int messages;
    private final double dropPct;
    private final Duration duration;
    private final Duration settle;
    private final Duration cycleTimeout = Duration.ofSeconds(30);
    private final AtomicLong cycles = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final AtomicLong drops = new AtomicLong();
    private final AtomicLong acks = new AtomicLong();
    private final AtomicLong serial = new AtomicLong();
    private volatile boolean running;
    private volatile String firstFailure;

    ChurnScenario(Args args) {
        this.clients = args.integer("clients", 200);
        this.rooms = args.integer("rooms", 20);
        this.messages = args.integer("messages", 3);
        this.dropPct = args.decimal("drop-pct", 10);
        this.duration = args.duration("duration", "30s");
        this.settle = args.duration("settle", "30s");
        if (clients < 1 || rooms < 1 || messages < 0 || dropPct < 0 || dropPct > 100) {
            throw new IllegalArgumentException("need --clients >= 1, --rooms >= 1, --messages >= 0, 0 <= --drop-pct <= 100");
        }
    }

    @Override
    public String name() {
        return "churn";
    }

    @Override
    public Map<String, String> serverOptions() {
        return Map.of("empty-room-ttl", "1s", "grace", "2s");
    }

    @Override
    public int connections() {
        return clients;
    }

    @Override
    public void run(RunContext ctx) throws Exception {
        long heapBefore = ctx.server.heapAfterGc();
        Listener listener = new Listener(ctx);
        ExecutorService starter = Executors.newFixedThreadPool(2, r -> {
            Thread t = new Thread(r, "bench-churn");
            t.setDaemon(true);
            return t;
        });
        CountDownLatch done = new CountDownLatch(clients);
        ctx.sampler.phase("churn");
        double from = ctx.sampler.elapsedSeconds();
        ctx.sampler.startMeasuring();
        running = true;
        for (int u = 0; u < clients; u++) {
            int user = u;
            starter.execute(() -> loop(ctx, listener, starter, user, done));
        }
        Thread.sleep(duration.toMillis());
        running = false;
        ctx.sampler.phase("finish");
        boolean finished = done.await(cycleTimeout.toMillis() + 5_000, TimeUnit.MILLISECONDS);
        Window w = ctx.sampler.stopMeasuring();
        double to = ctx.sampler.elapsedSeconds();
        starter.shutdownNow();

        ctx.sampler.phase("settle");
        long deadline = System.nanoTime() + settle.toNanos();
        Map<String, Object> stats = ctx.server.stats();
        while (System.nanoTime() < deadline && !zero(stats)) {
            Thread.sleep(250);
            stats = ctx.server.stats();
        }
        long heapAfter = ctx.server.heapAfterGc();

        Report.window(ctx.report, w);
        ctx.report.put("clients", clients).put("rooms", rooms).put("cycles", cycles.get())
                .put("cycles_per_s", cycles.get() / w.seconds()).put("failed_cycles", failed.get())
                .put("drops", drops.get()).put("acks", acks.get())
                .put("gaps", ctx.metrics.gaps.sum()).put("reordered", ctx.metrics.reordered.sum())
                .put("errors", listener.errorsExcept("room_not_found", "room_exists"))
                .put("error_codes", listener.errorSummary())
                .put("leaked_connections", number(stats, "connections"))
                .put("leaked_transport_connections", number(stats, "transport_connections"))
                .put("leaked_rooms", number(stats, "rooms") + number(stats, "local_rooms"))
                .put("heap_growth_kb", heapBefore < 0 || heapAfter < 0 ? Double.NaN : (heapAfter - heapBefore) / 1024.0);
        if (!finished) {
            ctx.report.note("not every virtual user finished its last cycle in time");
        }
        if (firstFailure != null) {
            ctx.report.note("first failed cycle: " + firstFailure);
        }
        if (stats.isEmpty()) {
            ctx.report.note("the server's stats are unavailable: leaks were not checked");
        }
        ctx.report.timeline(ctx.sampler.timeline(), from, to);
        ctx.report.latency(w.latency());
    }

    private static boolean zero(Map<String, Object> stats) {
        return !stats.isEmpty() && number(stats, "connections") == 0 && number(stats, "transport_connections") == 0
                && number(stats, "rooms") == 0 && number(stats, "local_rooms") == 0;
    }

    private static long number(Map<String, Object> m, String key) {
        Object v = m.get(key);
        return v instanceof Number n ? n.longValue() : 0;
    }

    private void loop(RunContext ctx, Listener listener, ExecutorService starter, int user, CountDownLatch done) {
        if (!running) {
            done.countDown();
            return;
        }
        CompletableFuture<Void> cycle;
        try {
            cycle = cycle(ctx, listener, user);
        } catch (InterruptedException e) {
            done.countDown();
            return;
        }
        cycle.orTimeout(cycleTimeout.toMillis(), TimeUnit.MILLISECONDS).whenComplete((v, e) -> {
            if (e == null) {
                cycles.incrementAndGet();
            } else {
                failed.incrementAndGet();
                if (firstFailure == null) {
                    firstFailure = "user " + user + ": " + e;
                }
            }
            try {
                starter.execute(() -> loop(ctx, listener, starter, user, done));
            } catch (java.util.concurrent.RejectedExecutionException rejected) {
                done.countDown();
            }
        });
    }

    /** One connect / join / send / leave-or-drop / close cycle of a virtual user. */
    private CompletableFuture<Void> cycle(RunContext ctx, Listener listener, int user) throws InterruptedException {
        int room = ThreadLocalRandom.current().nextInt(rooms);
        // a dropped member keeps its name during the grace period: every cycle joins under a new one
        Member m = new Member(user, room, "ch-" + ctx.runId + "-" + room, "u" + user + "-" + serial.incrementAndGet(),
                1);
        boolean drop = ThreadLocalRandom.current().nextDouble(100) < dropPct;
        return Setup.connectOne(ctx, m, listener)
                .thenCompose(v -> Setup.joinOne(m, null))
                .thenCompose(v -> {
                    m.acked = new CompletableFuture<>();
                    m.acksPending.set(messages);
                    if (messages == 0) {
                        m.acked.complete(null);
                    }
                    for (int i = 0; i < messages; i++) {
                        m.client.send(ClientText.send("s" + i, m.roomId, BenchText.of(BenchText.now(), 0, i)));
                        ctx.metrics.sent.increment();
                    }
                    return m.acked;
                })
                .thenCompose(v -> {
                    if (drop) {
                        drops.incrementAndGet();
                        m.client.abort();
                        return m.client.closedFuture().<Void>thenApply(c -> null);
                    }
                    m.left = new CompletableFuture<>();
                    m.client.send(ClientText.leave("l" + user, m.roomId));
                    return m.left.thenCompose(x -> {
                        m.client.close();
                        return m.client.closedFuture().<Void>thenApply(c -> null);
                    });
                })
                .whenComplete((v, e) -> {
                    if (e != null && m.client != null) {
                        m.client.abort(); // a failed cycle must not leave its connection behind
                    }
                });
    }

    /** Creates a room that is gone, counts acks, completes {@code left}. */
    private final class Listener extends MemberListener {
        Listener(RunContext ctx) {
            super(ctx.metrics, false);
        }

        @Override
        void onError(Member m, String code, String ref, String message) {
            if (ref != null && ref.startsWith("j")) {
                if ("room_not_found".equals(code)) {
                    m.client.send(ClientText.create(ref, m.roomId, m.name, null));
                    return;
                }
                if ("room_exists".equals(code)) {
                    m.client.send(ClientText.join(ref, m.roomId, m.name, null, null, null, null));
                    return;
                }
            }
            if (ref != null && ref.startsWith("s")) {
                m.acked.completeExceptionally(new JoinRefused(code, message));
            }
            if (ref != null && ref.startsWith("l")) {
                m.left.completeExceptionally(new JoinRefused(code, message));
            }
            super.onError(m, code, ref, message);
        }

        @Override
        void onAck(Member m, Inbound in) {
            acks.incrementAndGet();
            if (m.acksPending.decrementAndGet() == 0) {
                m.acked.complete(null);
            }
        }

        @Override
        void onLeft(Member m, Inbound in) {
            m.left.complete(null);
        }
    }
}
