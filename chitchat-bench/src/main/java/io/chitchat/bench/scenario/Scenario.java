package io.chitchat.bench.scenario;

import io.chitchat.bench.Args;
import java.util.Map;

/**
 * A benchmark scenario: it reads its options when constructed (so the bench knows, before starting anything, which
 * server it needs and how many connections it will open), then runs and fills the report.
 */
public interface Scenario {

    String name();

    /** {@code chitchat} or {@code bare}. */
    default String serverMode() {
        return "chitchat";
    }

    /** Server options this scenario needs beyond the bench defaults (e.g. a short empty-room TTL). */
    default Map<String, String> serverOptions() {
        return Map.of();
    }

    /** The most connections open at once (to size the source addresses). */
    int connections();

    void run(RunContext ctx) throws Exception;

    /** The scenario named on the command line. */
    static Scenario of(String name, Args args) {
        return switch (name) {
            case "fanout" -> new FanoutScenario(args, false);
            case "bare" -> new FanoutScenario(args, true);
            case "connections" -> new ConnectionsScenario(args);
            case "joinstorm" -> new JoinStormScenario(args, false);
            case "protected-joinstorm" -> new JoinStormScenario(args, true);
            case "churn" -> new ChurnScenario(args);
            default -> throw new IllegalArgumentException("unknown scenario '" + name
                    + "' (fanout, bare, connections, joinstorm, protected-joinstorm, churn, floor)");
        };
    }

}
