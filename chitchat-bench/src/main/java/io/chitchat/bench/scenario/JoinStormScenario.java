package io.chitchat.bench.scenario;

import io.chitchat.bench.Args;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Join storm: {@code --members} connected clients join one room at once (system messages and presence as always).
 * Reports the time until every member had its {@code joined}, until the room was quiet, and the bytes each member
 * received meanwhile (which must grow linearly with the room, not quadratically).
 *
 * <p>{@code protected-joinstorm}: the room has a password (every join costs a password check on the server's
 * bounded password executor; a join refused with {@code rate_limited} is retried with exponential back-off). Then,
 * with {@code --resume} (default), every member reconnects with its resume token: the server's password-check count
 * must not move, and the server CPU per join is reported for both phases.
 */
final class JoinStormScenario implements Scenario {
    private final boolean protectedRoom;
    private final int members;
    private final String password;
    private final boolean resume;
    private final Duration timeout;
    private final String iterations;
    private final AtomicLong retries = new AtomicLong();

    JoinStormScenario(Args args, boolean protectedRoom) {
        this.protectedRoom = protectedRoom;
        this.members = args.integer("members", protectedRoom ? 200 : 5000);
        this.password = protectedRoom ? args.string("password", "correct horse battery staple") : null;
        this.resume = protectedRoom && !args.flag("no-resume");
        this.timeout = args.duration("setup-timeout", "600s");
        this.iterations = args.string("password-iterations", null);
        if (members < 2) {
            throw new IllegalArgumentException("--members must be at least 2");
        }
    }

    @Override
    public String name() {
        return protectedRoom ? "protected-joinstorm" : "joinstorm";
    }

    @Override
    public Map<String, String> serverOptions() {
        return iterations == null ? Map.of() : Map.of("password-iterations", iterations);
    }

    @Override
    public int connections() {
        return members;
    }

    @Override
    public void run(RunContext ctx) throws Exception {
        ScheduledExecutorService retry = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "bench-join-retry");
            t.setDaemon(true);
            return t;
        });
        try {
            run(ctx, retry);
        } finally {
            retry.shutdownNow();
        }
    }

    private void run(RunContext ctx, ScheduledExecutorService retry) throws Exception {
        String roomId = "j-" + ctx.runId;
        List<Member> all = new ArrayList<>(members);
        for (int i = 0; i < members; i++) {
            all.add(new Member(i, 0, roomId, "m" + i, 1));
        }
        Listener listener = new Listener(ctx, retry);
        ctx.sampler.phase("connect");
        Setup.Phase connect = Setup.connect(ctx, all, listener, timeout);
        if (connect.failed() > 0) {
            throw new IllegalStateException(connect.failed() + " of " + members + " connections failed");
        }
        Member creator = all.get(0);
        creator.resetForJoin();
        creator.client.send(ClientText.create("j0", roomId, creator.name, password));
        Setup.await(List.of(creator.joined), timeout, "create");

        ctx.sampler.phase("storm");
        long[] bytesAtStart = new long[members];
        for (Member m : all) {
            bytesAtStart[m.index] = m.client.bytesIn;
        }
        long verifiesBefore = ctx.server.stat("verify_calls");
        long cpuBefore = ctx.server.cpuNanos();
        double from = ctx.sampler.elapsedSeconds();
        long start = System.nanoTime();
        List<CompletableFuture<Void>> joins = new ArrayList<>();
        for (Member m : all.subList(1, members)) {
            joins.add(Setup.joinOne(m, password));
        }
        Setup.await(joins, timeout, "join storm");
        long lastJoined = 0;
        for (Member m : all.subList(1, members)) {
            lastJoined = Math.max(lastJoined, m.joinedAtNanos);
        }
        double joinedSeconds = (lastJoined - start) / 1e9;
        boolean quiet = Setup.awaitQuiet(all, timeout, Duration.ofMillis(500));
        double settledSeconds = (System.nanoTime() - start) / 1e9 - 0.5;
        long cpuStorm = cpuDelta(cpuBefore, ctx.server.cpuNanos());
        long verifiesStorm = ctx.server.stat("verify_calls") - verifiesBefore;
        double to = ctx.sampler.elapsedSeconds();

        long total = 0;
        long max = 0;
        long frames = 0;
        for (Member m : all) {
            long b = m.client.bytesIn - bytesAtStart[m.index];
            total += b;
            max = Math.max(max, b);
            frames += m.client.framesIn;
        }
        ctx.report.put("members", members).put("connect_per_s", connect.perSecond())
                .put("all_joined_s", joinedSeconds).put("settled_s", quiet ? settledSeconds : Double.NaN)
                .put("joins_per_s", (members - 1) / joinedSeconds)
                .put("bytes_per_member", (double) total / members).put("bytes_per_member_max", max)
                .put("frames_per_member", (double) frames / members)
                .put("server_cpu_s", cpuStorm < 0 ? Double.NaN : cpuStorm / 1e9)
                .put("server_cpu_ms_per_join", cpuStorm < 0 ? Double.NaN : cpuStorm / 1e6 / (members - 1))
                .put("join_retries", retries.get());
        if (protectedRoom) {
            ctx.report.put("password_checks", verifiesStorm);
        }
        if (!quiet) {
            ctx.report.note("the room did not settle within " + timeout);
        }
        if (resume) {
            resumeAll(ctx, all, listener);
        }
        ctx.report.put("gaps", ctx.metrics.gaps.sum()).put("reordered", ctx.metrics.reordered.sum())
                .put("errors", listener.errorsExcept("rate_limited")).put("error_codes", listener.errorSummary());
        ctx.report.timeline(ctx.sampler.timeline(), from, to);
        ctx.sampler.phase("close");
        Setup.closeAll(all, Duration.ofSeconds(30));
    }

    /** Every member but the creator drops its connection, reconnects and joins with its resume token. */
    private void resumeAll(RunContext ctx, List<Member> all, Listener listener) throws Exception {
        ctx.sampler.phase("resume");
        List<Member> resumers = all.subList(1, all.size());
        List<CompletableFuture<Integer>> closed = new ArrayList<>();
        for (Member m : resumers) {
            m.client.close();
            closed.add(m.client.closedFuture());
        }
        CompletableFuture.allOf(closed.toArray(CompletableFuture[]::new)).get(timeout.toMillis(),
                TimeUnit.MILLISECONDS);
        long verifiesBefore = ctx.server.stat("verify_calls");
        long hashesBefore = ctx.server.stat("hash_calls");
        long cpuBefore = ctx.server.cpuNanos();
        long start = System.nanoTime();
        List<CompletableFuture<Void>> rejoined = new ArrayList<>();
        for (Member m : resumers) {
            String token = m.resume;
            long since = m.lastSeq;
            String epoch = m.epoch;
            String memberId = m.memberId;
            rejoined.add(Setup.connectOne(ctx, m, listener).thenCompose(v -> {
                m.resetForJoin();
                m.client.send(ClientText.join("j" + m.index, m.roomId, m.name, null, since, epoch, token));
                return m.joined;
            }).thenRun(() -> {
                if (!memberId.equals(m.memberId)) {
                    listener.changedIdentity.incrementAndGet();
                }
            }));
        }
        Setup.await(rejoined, timeout, "resume");
        double seconds = (System.nanoTime() - start) / 1e9;
        long cpu = cpuDelta(cpuBefore, ctx.server.cpuNanos());
        long checks = ctx.server.stat("verify_calls") - verifiesBefore + ctx.server.stat("hash_calls") - hashesBefore;
        ctx.report.put("resumed", resumers.size()).put("resume_all_joined_s", seconds)
                .put("resume_password_checks", checks)
                .put("resume_server_cpu_ms_per_join", cpu < 0 ? Double.NaN : cpu / 1e6 / resumers.size())
                .put("resume_new_identity", listener.changedIdentity.get());
    }

    private static long cpuDelta(long before, long after) {
        return before < 0 || after < 0 ? -1 : after - before;
    }

    /** Retries a join refused with {@code rate_limited} (the password queue was full) after a growing back-off. */
    private final class Listener extends MemberListener {
        private final ScheduledExecutorService retry;
        final AtomicLong changedIdentity = new AtomicLong();

        Listener(RunContext ctx, ScheduledExecutorService retry) {
            super(ctx.metrics, false);
            this.retry = retry;
        }

        @Override
        void onError(Member m, String code, String ref, String message) {
            if ("rate_limited".equals(code) && ref != null && ref.startsWith("j")) {
                int attempt = Math.min(4, m.retries++);
                long delay = (250L << attempt) + ThreadLocalRandom.current().nextLong(250);
                retries.incrementAndGet();
                retry.schedule(() -> m.client.send(ClientText.join(ref, m.roomId, m.name, password, null, null,
                        null)), delay, TimeUnit.MILLISECONDS);
                return;
            }
            super.onError(m, code, ref, message);
        }
    }
}
