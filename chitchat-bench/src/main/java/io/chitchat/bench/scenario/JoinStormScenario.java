package io.chitchat.bench.scenario;

import io.chitchat.bench.Args;

final class JoinStormScenario implements Scenario {
    JoinStormScenario(Args args, boolean p) {}

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
