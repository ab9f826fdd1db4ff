package io.chitchat.bench.scenario;

import io.chitchat.bench.Args;

final class ConnectionsScenario implements Scenario {
    ConnectionsScenario(Args args) {}

    @Override
    public String name() {
        return "todo";
    }

    @Override
    public int connections() {
        return 0;
    }

    @Override
    public void run(RunContext ctx) {}
}
