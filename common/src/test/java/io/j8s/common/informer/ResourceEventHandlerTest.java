package io.j8s.common.informer;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ResourceEventHandlerTest {

    @Test
    void onAnyChangeSeesTheAddedTheNewAndTheDeletedObject() {
        List<String> seen = new ArrayList<>();
        ResourceEventHandler<String> handler = ResourceEventHandler.onAnyChange(seen::add);
        handler.onAdd("added");
        handler.onUpdate("old", "new");
        handler.onDelete("deleted");
        assertThat(seen).containsExactly("added", "new", "deleted");
    }
}
