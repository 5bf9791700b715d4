package io.j8s.apiserver.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class GarbageCollectionFinalizersTest {

    @Test
    void eachPolicySetsItsFinalizerAndKeepsTheOthers() {
        List<String> mine = List.of("example.com/hold");
        assertThat(ResourceStore.garbageCollectionFinalizers(mine, "Orphan")).containsExactly("example.com/hold", "orphan");
        assertThat(ResourceStore.garbageCollectionFinalizers(mine, "Foreground"))
            .containsExactly("example.com/hold", "foregroundDeletion");
        assertThat(ResourceStore.garbageCollectionFinalizers(List.of("orphan", "x"), "Background")).containsExactly("x");
        assertThat(ResourceStore.garbageCollectionFinalizers(List.of("orphan"), "Foreground"))
            .containsExactly("foregroundDeletion");
        assertThat(ResourceStore.garbageCollectionFinalizers(List.of("orphan"), null)).containsExactly("orphan");
    }
}
