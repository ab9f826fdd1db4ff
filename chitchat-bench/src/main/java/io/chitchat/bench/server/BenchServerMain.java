package io.chitchat.bench.server;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.chitchat.bench.Args;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * {@code chitchat-bench.jar server}: runs the server under test in this JVM (the bench launches it as a child, pinned
 * with taskset), with the stats endpoint. When it listens it writes a ready file (JSON: ws, stats, pid) for the
 * launcher. It stops by itself when its parent process exits or after {@code --max-lifetime} (default 2 h).
 */
public final class BenchServerMain {
    private BenchServerMain() {}

    public static void run(Args args) throws Exception {
        String readyFile = args.string("ready-file", null);
        Duration maxLifetime = args.duration("max-lifetime", "7200s");
        String statsHost = args.string("stats-host", "127.0.0.1");
        int statsPort = args.integer("stats-port", 0);
        BenchServer server = BenchServer.start(args);
        args.checkAllUsed();
        StatsEndpoint stats = new StatsEndpoint(server, statsHost, statsPort);
        CountDownLatch stop = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(stop::countDown, "bench-server-shutdown"));
        ProcessHandle.current().parent().ifPresent(p -> p.onExit().thenRun(stop::countDown));

        Map<String, Object> ready = new LinkedHashMap<>();
        ready.put("ws", server.wsUri().toString());
        ready.put("stats", "http://" + statsHost + ":" + stats.port() + "/");
        ready.put("pid", ProcessHandle.current().pid());
        ready.put("settings", server.settings());
        String json = new ObjectMapper().writeValueAsString(ready);
        System.out.println("READY " + json);
        if (readyFile != null) {
            Path target = Path.of(readyFile);
            Path tmp = target.resolveSibling(target.getFileName() + ".tmp");
            Files.writeString(tmp, json, StandardCharsets.UTF_8);
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        }
        if (!stop.await(maxLifetime.toMillis(), TimeUnit.MILLISECONDS)) {
            System.out.println("max lifetime " + maxLifetime + " reached; stopping");
        }
        stats.close();
        server.close();
        System.exit(0);
    }
}
