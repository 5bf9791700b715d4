package io.j8s.nodeagent.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class HostPortAllocatorTest {

    @Test
    void handsOutEachPortOnceAndSkipsPortsSomeoneElseHolds() {
        Set<Integer> heldElsewhere = Set.of(101, 103);
        HostPortAllocator allocator = new HostPortAllocator(100, 104, port -> !heldElsewhere.contains(port));

        Set<Integer> given = new HashSet<>();
        for (int i = 0; i < 3; i++) {
            given.add(allocator.allocate());
        }

        assertThat(given).containsExactlyInAnyOrder(100, 102, 104);
        assertThatThrownBy(allocator::allocate).isInstanceOf(IllegalStateException.class);
        allocator.release(102);
        assertThat(allocator.allocate()).isEqualTo(102);
    }

    @Test
    void aPortDockerCouldNotBindStaysOutOfUse() {
        HostPortAllocator allocator = new HostPortAllocator(200, 201, port -> true);
        int first = allocator.allocate();

        allocator.conflicted(first);

        assertThat(allocator.allocate()).isNotEqualTo(first);
        assertThatThrownBy(allocator::allocate).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void bindableSeesAPortInUseOnTheMachine() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            assertThat(HostPortAllocator.bindable("127.0.0.1").test(taken.getLocalPort())).isFalse();
        }
    }
}
