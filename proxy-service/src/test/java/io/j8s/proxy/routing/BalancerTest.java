package io.j8s.proxy.routing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class BalancerTest {

    private static final Endpoint A = new Endpoint("127.0.0.1", 1);
    private static final Endpoint B = new Endpoint("127.0.0.1", 2);

    @Test
    void eachRequestTakesTheNextPosition() {
        Balancer balancer = new Balancer();
        List<Integer> starts = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            starts.add(balancer.nextStart(3));
        }
        assertThat(starts).containsExactly(0, 1, 2, 0, 1, 2, 0);
        // the endpoints changed: the rotation carries on over the new count
        assertThat(balancer.nextStart(5)).isEqualTo(7 % 5);
    }

    @Test
    void aClientSticksToItsEndpointUntilTheTimeoutOrUntilTheEndpointIsNotReady() {
        Balancer balancer = new Balancer();
        long now = 1_000_000_000L;
        balancer.stick("10.0.0.1", B, Duration.ofSeconds(10), now);
        assertThat(balancer.affine("10.0.0.1", List.of(A, B), now + Duration.ofSeconds(9).toNanos())).isEqualTo(B);
        assertThat(balancer.affine("10.0.0.2", List.of(A, B), now)).isNull();
        assertThat(balancer.affine("10.0.0.1", List.of(A), now)).as("B is no longer ready").isNull();
        assertThat(balancer.affine("10.0.0.1", List.of(A, B), now + Duration.ofSeconds(11).toNanos())).isNull();
    }

    @Test
    void endpointAddressesPrintAsUriAuthorities() {
        assertThat(new Endpoint("10.0.0.5", 8080).address()).isEqualTo("10.0.0.5:8080");
        assertThat(new Endpoint("fd00::5", 8080).address()).isEqualTo("[fd00::5]:8080");
    }
}
