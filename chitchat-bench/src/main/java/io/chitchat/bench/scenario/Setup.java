package io.chitchat.bench.scenario;

import io.chitchat.bench.client.BenchClient;
import io.chitchat.bench.client.ClientListener;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/** Connecting and joining many members, and draining, shared by the scenarios (drain also by {@code floor}). */
public final class Setup {
    private Setup() {}

    /** The outcome of a phase: how many succeeded and failed, and how long it took. */
    record Phase(int ok, int failed, long nanos) {
        double seconds() {
            return nanos / 1e9;
        }

        double perSecond() {
            return nanos == 0 ? 0 : ok / seconds();
        }
    }

    /**
     * Opens a WebSocket for each member (at most the pool's in-flight limit at once) and waits for its
     * {@code welcome} (ChitChat) or open (bare).
     */
    static Phase connect(RunContext ctx, List<Member> members, ClientListener listener, Duration timeout)
            throws InterruptedException {
        long start = System.nanoTime();
        AtomicInteger failed = new AtomicInteger();
        List<CompletableFuture<Void>> all = new ArrayList<>(members.size());
        for (Member m : members) {
            all.add(connectOne(ctx, m, listener).exceptionally(e -> {
                failed.incrementAndGet();
                return null;
            }));
        }
        await(all, timeout, "connect");
        long nanos = System.nanoTime() - start;
        return new Phase(members.size() - failed.get(), failed.get(), nanos);
    }

    /** Opens a (new) WebSocket for one member; completes at its welcome. */
    static CompletableFuture<Void> connectOne(RunContext ctx, Member m, ClientListener listener)
            throws InterruptedException {
        BenchClient client = new BenchClient(m.index, new CountingListener(ctx, listener));
        client.state = m;
        m.client = client;
        m.welcomed = new CompletableFuture<>();
        CompletableFuture<Void> welcomed = m.welcomed;
        return client.connect(ctx.pool, ctx.server.wsUri()).thenCompose(s -> welcomed);
    }

    /**
     * Joins every member to its room: in each room the first member creates it (unless {@code create} is false),
     * then the others join, {@code concurrency} requests in flight at most (0: all at once).
     */
    static Phase join(RunContext ctx, List<Member> members, String password, boolean create, Duration timeout)
            throws InterruptedException {
        long start = System.nanoTime();
        AtomicInteger failed = new AtomicInteger();
        List<CompletableFuture<Void>> firsts = new ArrayList<>();
        int lastRoom = -1;
        for (Member m : members) {
            if (m.room != lastRoom && create) {
                lastRoom = m.room;
                m.resetForJoin();
                m.bytesAtJoin = m.client.bytesIn;
                m.client.send(ClientText.create("j" + m.index, m.roomId, m.name, password));
                firsts.add(m.joined);
            }
        }
        await(firsts, timeout, "create");
        List<CompletableFuture<Void>> all = new ArrayList<>(members.size());
        lastRoom = -1;
        for (Member m : members) {
            if (m.room != lastRoom && create) {
                lastRoom = m.room;
                all.add(m.joined.exceptionally(e -> {
                    failed.incrementAndGet();
                    return null;
                }));
                continue;
            }
            all.add(joinOne(m, password).exceptionally(e -> {
                failed.incrementAndGet();
                return null;
            }));
        }
        await(all, timeout, "join");
        return new Phase(members.size() - failed.get(), failed.get(), System.nanoTime() - start);
    }

    /** Sends one member's join; completes at its {@code joined}. */
    static CompletableFuture<Void> joinOne(Member m, String password) {
        m.resetForJoin();
        m.bytesAtJoin = m.client.bytesIn;
        m.client.send(ClientText.join("j" + m.index, m.roomId, m.name, password, null, null, null));
        return m.joined;
    }

    /**
     * Collects the load generator's own heap once its connections are set up. With one core the client JVM runs the
     * serial collector, and the first collection after setup copies every connection's state (hundreds of MB at
     * 19,000 connections, a pause of up to 0.4 s): that pause belongs to the client, so it is taken here, before
     * anything is measured, and later young collections find little to copy.
     */
    static void settleClientHeap() {
        System.gc();
    }

    /**
     * Waits until every member has received its room's entries up to the highest seq any member of the room has
     * seen, and then {@code settle} more (presence diffs are coalesced per 100 ms): the room is quiet.
     */
    static boolean awaitQuiet(List<Member> members, Duration timeout, Duration settle) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (quiet(members)) {
                Thread.sleep(settle.toMillis());
                if (quiet(members)) {
                    return true;
                }
            }
            Thread.sleep(20);
        }
        return false;
    }

    private static boolean quiet(List<Member> members) {
        java.util.Map<Integer, Long> top = new java.util.HashMap<>();
        for (Member m : members) {
            if (m.client != null && m.client.isOpen() && m.lastSeq >= 0) {
                top.merge(m.room, m.lastSeq, Math::max);
            }
        }
        for (Member m : members) {
            if (m.client != null && m.client.isOpen() && m.lastSeq >= 0 && m.lastSeq < top.get(m.room)) {
                return false;
            }
        }
        return true;
    }

    /**
     * Waits until {@code delivered} reaches {@code expected}, or until it has not moved for {@code idle} (what is
     * missing then is lost, not late), at most 5 minutes.
     */
    public static void drain(java.util.function.LongSupplier delivered, long expected, Duration idle)
            throws InterruptedException {
        long cap = System.nanoTime() + Duration.ofMinutes(5).toNanos();
        long last = delivered.getAsLong();
        long lastMove = System.nanoTime();
        while (last < expected && System.nanoTime() < cap && System.nanoTime() - lastMove < idle.toNanos()) {
            Thread.sleep(20);
            long now = delivered.getAsLong();
            if (now != last) {
                last = now;
                lastMove = System.nanoTime();
            }
        }
    }

    static void await(List<CompletableFuture<Void>> futures, Duration timeout, String what)
            throws InterruptedException {
        try {
            CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new))
                    .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new IllegalStateException(what + " failed: " + e.getCause(), e.getCause());
        } catch (TimeoutException e) {
            long done = futures.stream().filter(CompletableFuture::isDone).count();
            throw new IllegalStateException(what + " did not finish within " + timeout + " (" + done + " of "
                    + futures.size() + " done)");
        }
    }

    /** Closes every member's connection and waits (bounded) until they are closed. */
    static void closeAll(List<Member> members, Duration timeout) throws InterruptedException {
        List<CompletableFuture<Integer>> closed = new ArrayList<>();
        for (Member m : members) {
            if (m.client != null) {
                m.client.close();
                closed.add(m.client.closedFuture());
            }
        }
        try {
            CompletableFuture.allOf(closed.toArray(CompletableFuture[]::new)).get(timeout.toMillis(),
                    TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            // some did not answer the close; the pool stops them
        }
    }

    /** Keeps the count of open connections for the progress line. */
    private static final class CountingListener implements ClientListener {
        private final RunContext ctx;
        private final ClientListener delegate;

        CountingListener(RunContext ctx, ClientListener delegate) {
            this.ctx = ctx;
            this.delegate = delegate;
        }

        @Override
        public void onOpen(BenchClient client) {
            ctx.open.incrementAndGet();
            delegate.onOpen(client);
        }

        @Override
        public void onFrame(BenchClient client, io.chitchat.bench.client.Inbound in) {
            delegate.onFrame(client, in);
        }

        @Override
        public void onClosed(BenchClient client, int code, String reason) {
            ctx.open.decrementAndGet();
            delegate.onClosed(client, code, reason);
        }
    }
}
