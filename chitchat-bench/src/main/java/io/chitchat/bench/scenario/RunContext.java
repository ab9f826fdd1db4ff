package io.chitchat.bench.scenario;

import io.chitchat.bench.Args;
import io.chitchat.bench.client.ClientPool;
import io.chitchat.bench.metrics.Metrics;
import io.chitchat.bench.metrics.Sampler;
import io.chitchat.bench.report.RunReport;
import io.chitchat.bench.server.ServerHandle;
import java.io.PrintStream;
import java.security.SecureRandom;
import java.util.concurrent.atomic.AtomicInteger;

/** Everything a scenario runs with. */
public final class RunContext {
    private static final String ALPHABET = "0123456789abcdefghjkmnpqrstvwxyz";

    final Args args;
    final ServerHandle server;
    final ClientPool pool;
    final Metrics metrics;
    final Sampler sampler;
    final RunReport report;
    final PrintStream log;
    /** Open client connections. */
    final AtomicInteger open;
    /** A prefix that makes this run's room ids unique on a server that outlives it. */
    final String runId;

    public RunContext(Args args, ServerHandle server, ClientPool pool, Metrics metrics, Sampler sampler,
                      RunReport report, PrintStream log, AtomicInteger open) {
        this.args = args;
        this.server = server;
        this.pool = pool;
        this.metrics = metrics;
        this.sampler = sampler;
        this.report = report;
        this.log = log;
        this.open = open;
        SecureRandom r = new SecureRandom();
        StringBuilder id = new StringBuilder();
        for (int i = 0; i < 6; i++) {
            id.append(ALPHABET.charAt(r.nextInt(ALPHABET.length())));
        }
        this.runId = id.toString();
    }

    boolean bare() {
        return server.mode().equals("bare");
    }
}
