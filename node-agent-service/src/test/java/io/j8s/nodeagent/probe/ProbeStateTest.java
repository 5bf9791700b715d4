package io.j8s.nodeagent.probe;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ProbeStateTest {

    private static final ProbeResult PASS = ProbeResult.success();
    private static final ProbeResult FAIL = ProbeResult.failure("HTTP probe failed with statuscode: 500");

    @Test
    void readinessStartsNotReadyAndFlipsAfterItsThresholds() {
        ProbeState readiness = new ProbeState(ProbeKind.READINESS, 2, 3);
        assertThat(readiness.result()).isFalse();

        assertThat(readiness.record(PASS)).isFalse();
        assertThat(readiness.record(PASS)).isTrue();
        assertThat(readiness.result()).isTrue();

        readiness.record(FAIL);
        readiness.record(FAIL);
        assertThat(readiness.result()).isTrue();
        assertThat(readiness.record(FAIL)).isTrue();
        assertThat(readiness.result()).isFalse();
        assertThat(readiness.finished()).isFalse(); // readiness keeps probing
    }

    @Test
    void livenessPassesUntilItFailsThresholdTimesInARowThenHolds() {
        ProbeState liveness = new ProbeState(ProbeKind.LIVENESS, null, 2);
        assertThat(liveness.result()).isTrue();

        liveness.record(FAIL);
        liveness.record(PASS);
        liveness.record(FAIL);
        assertThat(liveness.failed()).isFalse();
        assertThat(liveness.record(FAIL)).isTrue();
        assertThat(liveness.failed()).isTrue();
        assertThat(liveness.record(PASS)).isFalse(); // on hold until the container is replaced
    }

    @Test
    void aStartupProbeIsDoneOnceItPasses() {
        ProbeState startup = new ProbeState(ProbeKind.STARTUP, null, 30);
        assertThat(startup.result()).isFalse();

        startup.record(FAIL);
        assertThat(startup.record(PASS)).isTrue();

        assertThat(startup.finished()).isTrue();
        assertThat(startup.failed()).isFalse();
        assertThat(startup.record(FAIL)).isFalse();
        assertThat(startup.result()).isTrue();
    }
}
