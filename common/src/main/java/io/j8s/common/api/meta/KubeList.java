package io.j8s.common.api.meta;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.j8s.common.json.Extra;
import java.util.List;
import java.util.Map;

/** A list of one kind ({@code PodList}, {@code NodeList}, ...); {@code kind} is the list kind. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record KubeList<T>(
        String apiVersion,
        String kind,
        ListMeta metadata,
        List<T> items,
        @JsonAnySetter @JsonAnyGetter Map<String, Object> extra) {

    public KubeList {
        // Kubernetes always sends "items", even when empty; readers can rely on it here.
        items = items == null ? List.of() : items;
        metadata = metadata == null ? new ListMeta(null, null, null, null) : metadata;
        extra = Extra.copyOf(extra);
    }

    public static <T> KubeList<T> of(String apiVersion, String listKind, ListMeta metadata, List<T> items) {
        return new KubeList<>(apiVersion, listKind, metadata, items, null);
    }

    public String resourceVersion() {
        return metadata.resourceVersion();
    }
}
