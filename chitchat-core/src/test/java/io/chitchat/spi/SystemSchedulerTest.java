package io.chitchat.spi;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class SystemSchedulerTest {

    @Test
    void schedule_running_taskRuns() throws Exception {
        try (Scheduler scheduler = Scheduler.systemScheduler("test-scheduler")) {
            CountDownLatch ran = new CountDownLatch(1);
            scheduler.schedule(ran::countDown, Duration.ofMillis(1));
            assertThat(ran.await(5, TimeUnit.SECONDS)).isTrue();
        }
    }

    @Test
    void schedule_afterClose_droppedWithoutThrowing() {
        Scheduler scheduler = Scheduler.systemScheduler("test-scheduler");
        scheduler.close();
        AtomicBoolean ran = new AtomicBoolean();
        Scheduler.Cancellable handle = scheduler.schedule(() -> ran.set(true), Duration.ZERO);
        handle.cancel();
        assertThat(ran).isFalse();
    }
}
