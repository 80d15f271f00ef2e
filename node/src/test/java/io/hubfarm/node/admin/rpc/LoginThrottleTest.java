package io.hubfarm.node.admin.rpc;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class LoginThrottleTest {
    private long now;
    private final LoginThrottle throttle = new LoginThrottle(() -> now);
    private final InetAddress guesser = InetAddress.ofLiteral("192.0.2.7");
    private final InetAddress other = InetAddress.ofLiteral("192.0.2.8");

    @Test
    void eachFailureFromAnAddressWaitsLongerUpToTheCap() {
        assertThat(throttle.failed(guesser)).isEqualTo(Duration.ofMillis(500));
        assertThat(throttle.failed(guesser)).isEqualTo(Duration.ofSeconds(1));
        assertThat(throttle.failed(guesser)).isEqualTo(Duration.ofSeconds(2));
        assertThat(throttle.failed(guesser)).isEqualTo(Duration.ofSeconds(4));
        assertThat(throttle.failed(guesser)).isEqualTo(Duration.ofSeconds(8));
        assertThat(throttle.failed(guesser)).isEqualTo(Duration.ofSeconds(8));
        assertThat(throttle.failed(other)).as("another address starts afresh").isEqualTo(Duration.ofMillis(500));
        assertThat(throttle.before(guesser)).isInstanceOf(LoginThrottle.Verdict.Check.class);
    }

    @Test
    void tooManyFailuresLockTheAddressOutForAWhileEvenForTheRightPassword() {
        for (int i = 0; i < LoginThrottle.LOCKOUT_AFTER; i++) {
            throttle.failed(guesser);
        }
        assertThat(throttle.before(guesser)).isInstanceOf(LoginThrottle.Verdict.LockedOut.class);
        assertThat(throttle.before(other)).isInstanceOf(LoginThrottle.Verdict.Check.class);

        now += LoginThrottle.LOCKOUT.toNanos() - 1;
        assertThat(throttle.before(guesser)).isInstanceOf(LoginThrottle.Verdict.LockedOut.class);
        now += 1;
        assertThat(throttle.before(guesser)).isInstanceOf(LoginThrottle.Verdict.Check.class);
        assertThat(throttle.failed(guesser)).as("after the lockout it starts afresh").isEqualTo(Duration.ofMillis(500));
    }

    @Test
    void aSuccessOrAQuietSpellClearsTheAddress() {
        throttle.failed(guesser);
        throttle.failed(guesser);
        throttle.succeeded(guesser);
        assertThat(throttle.failed(guesser)).isEqualTo(Duration.ofMillis(500));

        throttle.failed(guesser);
        now += LoginThrottle.FORGET_AFTER.toNanos();
        assertThat(throttle.failed(guesser)).isEqualTo(Duration.ofMillis(500));
    }

    @Test
    void remembersABoundedNumberOfAddresses() throws Exception {
        for (int i = 0; i <= LoginThrottle.MAX_ADDRESSES; i++) {
            throttle.failed(InetAddress.getByAddress(new byte[] {10, (byte) (i >> 16), (byte) (i >> 8), (byte) i}));
        }
        // the first address was the least recently seen: forgotten, so it starts afresh
        assertThat(throttle.failed(InetAddress.getByAddress(new byte[] {10, 0, 0, 0}))).isEqualTo(Duration.ofMillis(500));
        assertThat(throttle.failed(InetAddress.getByAddress(new byte[] {10, 0, 0, 5}))).isEqualTo(Duration.ofSeconds(1));
    }
}
