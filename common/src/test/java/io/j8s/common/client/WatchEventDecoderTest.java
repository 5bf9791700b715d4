package io.j8s.common.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.j8s.common.api.core.Pod;
import io.j8s.common.api.meta.WatchEvent;
import org.junit.jupiter.api.Test;

class WatchEventDecoderTest {

    @Test
    void decodesTypedObjects() {
        WatchEvent<Pod> event = WatchEventDecoder.decode("""
                {"type":"MODIFIED","object":{"apiVersion":"v1","kind":"Pod",
                 "metadata":{"name":"p","namespace":"default","resourceVersion":"12"},"spec":{"nodeName":"n1"}}}
                """, Pod.class);

        assertThat(event.type()).isEqualTo(WatchEvent.Type.MODIFIED);
        assertThat(event.object().metadata().resourceVersion()).isEqualTo("12");
        assertThat(event.object().spec().nodeName()).isEqualTo("n1");
    }

    @Test
    void bookmarkCarriesOnlyTheResourceVersion() {
        WatchEvent<Pod> event = WatchEventDecoder.decode(
                "{\"type\":\"BOOKMARK\",\"object\":{\"kind\":\"Pod\",\"apiVersion\":\"v1\",\"metadata\":{\"resourceVersion\":\"99\"}}}",
                Pod.class);

        assertThat(event.type()).isEqualTo(WatchEvent.Type.BOOKMARK);
        assertThat(event.object().metadata().resourceVersion()).isEqualTo("99");
    }

    @Test
    void anErrorEventBecomesAnApiException() {
        assertThatThrownBy(() -> WatchEventDecoder.decode("""
                {"type":"ERROR","object":{"kind":"Status","apiVersion":"v1","status":"Failure",
                 "message":"too old resource version: 5 (10)","reason":"Expired","code":410}}
                """, Pod.class))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.isExpired()).isTrue();
                    assertThat(e.code()).isEqualTo(410);
                    assertThat(e.getMessage()).contains("too old resource version");
                });
    }

    @Test
    void garbageIsRejected() {
        assertThatThrownBy(() -> WatchEventDecoder.decode("{\"type\":\"ADDED\",\"obj", Pod.class))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not a watch event");
        assertThatThrownBy(() -> WatchEventDecoder.decode("{\"type\":\"RENAMED\",\"object\":{}}", Pod.class))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("unknown watch event type");
        assertThatThrownBy(() -> WatchEventDecoder.decode("{\"type\":\"ADDED\"}", Pod.class))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("without object");
    }
}
