package io.hubfarm.node.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** {@code hubfarm warm-up}: the AOT cache's training run, with no database. */
class WarmUpCommandTest {
    @Test
    void sendsFramesBothWaysThroughTheDataPathOnLoopback() {
        Cli.Result r = Cli.runExactly("warm-up", "--frames", "2000");
        assertThat(r.status()).as(r.err()).isZero();
        assertThat(r.out()).matches("2000 frames each way in \\d+ ms\\s*");
    }

    @Test
    void refusesANonPositiveFrameCount() {
        Cli.Result r = Cli.runExactly("warm-up", "--frames", "0");
        assertThat(r.status()).isEqualTo(2);
        assertThat(r.err()).contains("--frames must be at least 1");
    }
}
