package io.chitchat.bench.server;

import io.chitchat.ChitChat;
import io.chitchat.ChitChatBuilder;
import io.chitchat.Stats;
import io.chitchat.bench.Args;
import io.chitchat.jetty.ChitChatServer;
import io.chitchat.spi.PasswordHasher;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The server under test: ChitChat over its Jetty transport with the engine's defaults except the limits a benchmark
 * must lift (per-member send rate, members per room), or the bare Jetty broadcast baseline. It reports what the
 * bench needs ({@link #stats()}, {@link #heapAfterGc()}) in-process or, in a child JVM, through
 * {@link StatsEndpoint}.
 *
 * <p>Thread-safe.
 */
public final class BenchServer implements AutoCloseable {
    /** The options this server reads (so that the launcher can pass them through). */
    public static final String[] OPTIONS = {"mode", "host", "port", "send-rate", "max-members", "empty-room-ttl",
        "grace", "password-iterations", "workers"};

    private final String mode;
    private final String host;
    private final ChitChatServer chitchat;
    private final BareBroadcastServer bare;
    private final CountingPasswordHasher hasher;
    private final Map<String, String> settings = new LinkedHashMap<>();

    private BenchServer(Args args) throws Exception {
        this.mode = args.string("mode", "chitchat");
        settings.put("cpus", Integer.toString(Runtime.getRuntime().availableProcessors()));
        settings.put("gc", String.join("+", ManagementFactory.getGarbageCollectorMXBeans().stream()
                .map(GarbageCollectorMXBean::getName).toList()));
        this.host = args.string("host", "127.0.0.1");
        int port = args.integer("port", 0);
        if (mode.equals("bare")) {
            hasher = null;
            chitchat = null;
            bare = new BareBroadcastServer(host, port).start();
            settings.put("mode", "bare");
            return;
        }
        if (!mode.equals("chitchat")) {
            throw new IllegalArgumentException("--mode must be chitchat or bare, was '" + mode + "'");
        }
        bare = null;
        ChitChatBuilder b = ChitChat.builder();
        // the limits a benchmark must lift; everything else keeps ChitChat's defaults unless asked
        double rate = args.decimal("send-rate", 1_000_000);
        b.sendRate(rate, (int) Math.min(Integer.MAX_VALUE, Math.max(1, rate)));
        int maxMembers = args.integer("max-members", 100_000);
        b.maxMembersPerRoom(maxMembers);
        settings.put("mode", "chitchat");
        settings.put("sendRate", Double.toString(rate));
        settings.put("maxMembersPerRoom", Integer.toString(maxMembers));
        Duration ttl = args.duration("empty-room-ttl", null);
        if (ttl != null) {
            b.emptyRoomTtl(ttl);
            settings.put("emptyRoomTtl", ttl.toString());
        }
        Duration grace = args.duration("grace", null);
        if (grace != null) {
            b.gracePeriod(grace);
            settings.put("gracePeriod", grace.toString());
        }
        int iterations = args.integer("password-iterations", 0);
        hasher = new CountingPasswordHasher(iterations > 0 ? PasswordHasher.pbkdf2(iterations) : PasswordHasher.pbkdf2());
        if (iterations > 0) {
            settings.put("passwordIterations", Integer.toString(iterations));
        }
        b.passwordHasher(hasher);
        int workers = args.integer("workers", 0);
        if (workers > 0) {
            b.workerThreads(workers);
            settings.put("workerThreads", Integer.toString(workers));
        }
        chitchat = ChitChatServer.builder(b.build()).host(host).port(port).build().start();
    }

    /** Starts a server from the options {@link #OPTIONS}. */
    public static BenchServer start(Args args) throws Exception {
        return new BenchServer(args);
    }

    public String mode() {
        return mode;
    }

    /** The WebSocket endpoint. */
    public URI wsUri() {
        int port = chitchat != null ? chitchat.port() : bare.port();
        return URI.create("ws://" + host + ":" + port + "/ws");
    }

    /** What differs from ChitChat's defaults. */
    public Map<String, String> settings() {
        return settings;
    }

    /** A snapshot of the server's state and its JVM's counters. */
    public Map<String, Object> stats() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("mode", mode);
        if (chitchat != null) {
            Stats s = chitchat.mount().chat().stats();
            out.put("connections", s.connections());
            out.put("transport_connections", chitchat.mount().connections());
            out.put("rooms", s.rooms());
            out.put("local_rooms", s.localRooms());
            out.put("hash_calls", hasher.hashes.get());
            out.put("verify_calls", hasher.verifies.get());
            out.put("password_ms", hasher.nanos.get() / 1_000_000);
        } else {
            out.put("connections", bare.connections());
            out.put("transport_connections", bare.connections());
            out.put("rooms", 0);
            out.put("local_rooms", 0);
        }
        MemoryMXBean mem = ManagementFactory.getMemoryMXBean();
        out.put("heap_used", mem.getHeapMemoryUsage().getUsed());
        out.put("heap_committed", mem.getHeapMemoryUsage().getCommitted());
        out.put("cpu_ns", processCpuNanos());
        long gcCount = 0;
        long gcMillis = 0;
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            gcCount += Math.max(0, gc.getCollectionCount());
            gcMillis += Math.max(0, gc.getCollectionTime());
        }
        out.put("gc_count", gcCount);
        out.put("gc_ms", gcMillis);
        out.put("threads", ManagementFactory.getThreadMXBean().getThreadCount());
        out.put("pid", ProcessHandle.current().pid());
        return out;
    }

    /**
     * Forces full collections until the used heap stops shrinking (at most 6) and returns it, in bytes. The figure
     * is the live heap: what the server's connections, rooms and history really retain.
     */
    public static long heapAfterGc() {
        MemoryMXBean mem = ManagementFactory.getMemoryMXBean();
        long previous = Long.MAX_VALUE;
        long used = mem.getHeapMemoryUsage().getUsed();
        for (int i = 0; i < 6; i++) {
            System.gc();
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            used = mem.getHeapMemoryUsage().getUsed();
            if (used >= previous - previous / 200) {
                break;
            }
            previous = used;
        }
        return used;
    }

    static long processCpuNanos() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getProcessCpuTime();
        }
        return -1;
    }

    @Override
    public void close() {
        if (chitchat != null) {
            chitchat.stop();
        }
        if (bare != null) {
            bare.close();
        }
    }
}
