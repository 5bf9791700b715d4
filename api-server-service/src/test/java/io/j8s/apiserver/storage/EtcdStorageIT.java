package io.j8s.apiserver.storage;

import static org.assertj.core.api.Assertions.assertThat;

import io.j8s.testsupport.EtcdServerProcess;
import io.j8s.common.json.Json;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

/** The etcd store against a real etcd: transactions, revisions, pages and watches. */
class EtcdStorageIT {

    private static EtcdStorage storage;

    @BeforeAll
    static void connect() {
        storage = new EtcdStorage(new EtcdProperties(List.of(EtcdServerProcess.shared().endpoint()), Duration.ofSeconds(5)));
    }

    @AfterAll
    static void close() {
        storage.close();
    }

    @Test
    void aWatchReplaysChangesAfterARevisionWithPreviousStates() {
        String prefix = "/registry/widgets/" + System.nanoTime() + "/";
        ObjectNode a = storage.create(prefix + "a", object("a", 1)).block();
        long from = Long.parseLong(a.path("metadata").path("resourceVersion").asString());
        ObjectNode b = storage.create(prefix + "b", object("b", 1)).block();
        ObjectNode a2 = storage.update(prefix + "a", object("a", 2), from).block();
        storage.delete(prefix + "b", Long.parseLong(b.path("metadata").path("resourceVersion").asString())).block();

        List<StorageEvent> events = storage.watch(prefix, from)
            .filter(e -> e.type() != StorageEvent.Type.PROGRESS)
            .take(3).collectList().block(Duration.ofSeconds(10));

        assertThat(events).extracting(StorageEvent::type)
            .containsExactly(StorageEvent.Type.PUT, StorageEvent.Type.PUT, StorageEvent.Type.DELETE);
        assertThat(events.get(0).isCreate()).isTrue();
        assertThat(events.get(1).object().path("v").asInt()).isEqualTo(2);
        assertThat(events.get(1).previous().path("v").asInt()).isEqualTo(1);
        assertThat(events.get(1).object().path("metadata").path("resourceVersion").asString())
            .isEqualTo(a2.path("metadata").path("resourceVersion").asString());
        assertThat(events.get(2).previous().path("metadata").path("name").asString()).isEqualTo("b");
    }

    @Test
    void staleUpdatesAndDuplicateCreatesFail() {
        String key = "/registry/widgets/" + System.nanoTime() + "/x";
        ObjectNode created = storage.create(key, object("x", 1)).block();
        long revision = Long.parseLong(created.path("metadata").path("resourceVersion").asString());
        storage.update(key, object("x", 2), revision).block();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> storage.update(key, object("x", 3), revision).block())
            .isInstanceOf(StorageException.Conflict.class);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> storage.create(key, object("x", 9)).block())
            .isInstanceOf(StorageException.AlreadyExists.class);
        assertThat(storage.get(key).block().path("v").asInt()).isEqualTo(2);
    }

    @Test
    void aCollectionLargerThanOneGrpcMessageIsListedWhole() {
        String prefix = "/registry/widgets/" + System.nanoTime() + "/";
        String padding = "x".repeat(100 * 1024);
        for (int i = 0; i < 60; i++) {
            ObjectNode big = object(String.format("w%02d", i), i);
            big.put("padding", padding);
            storage.create(prefix + String.format("w%02d", i), big).block();
        }
        // 60 x 100 KiB = 6 MiB, more than gRPC's default 4 MiB message.
        StoredList all = storage.list(prefix, ListQuery.all()).block();
        assertThat(all.items()).hasSize(60);
        assertThat(all.items().get(59).path("v").asInt()).isEqualTo(59);
    }

    private static ObjectNode object(String name, int value) {
        ObjectNode node = Json.mapper().createObjectNode();
        node.putObject("metadata").put("name", name);
        node.put("v", value);
        return node;
    }
}
