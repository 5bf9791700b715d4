package io.j8s.common.api.core;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.j8s.common.api.meta.KubeObject;
import io.j8s.common.api.meta.ObjectMeta;
import io.j8s.common.json.Extra;
import java.util.Map;

/** core/v1 Binding: the scheduler's "put this pod on that node", POSTed to pods/{name}/binding. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Binding(
        String apiVersion,
        String kind,
        ObjectMeta metadata,
        ObjectReference target,
        @JsonAnySetter @JsonAnyGetter Map<String, Object> extra) implements KubeObject<Binding> {

    public static final String API_VERSION = "v1";
    public static final String KIND = "Binding";

    public Binding {
        apiVersion = apiVersion == null ? API_VERSION : apiVersion;
        kind = kind == null ? KIND : kind;
        extra = Extra.copyOf(extra);
    }

    public static Binding of(String namespace, String podName, String nodeName) {
        return new Binding(null, null, ObjectMeta.of(namespace, podName),
                new ObjectReference("v1", "Node", null, nodeName, null, null, null, null), null);
    }

    public Binding withMetadata(ObjectMeta value) {
        return new Binding(apiVersion, kind, value, target, extra);
    }
}
