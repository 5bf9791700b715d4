package io.j8s.common.api.core;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.j8s.common.api.meta.KubeObject;
import io.j8s.common.api.meta.ObjectMeta;
import io.j8s.common.json.Extra;
import java.util.Map;

/** core/v1 Node (cluster-scoped). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Node(
        String apiVersion,
        String kind,
        ObjectMeta metadata,
        NodeSpec spec,
        NodeStatus status,
        @JsonAnySetter @JsonAnyGetter Map<String, Object> extra) implements KubeObject<Node> {

    public static final String API_VERSION = "v1";
    public static final String KIND = "Node";

    public Node {
        apiVersion = apiVersion == null ? API_VERSION : apiVersion;
        kind = kind == null ? KIND : kind;
        extra = Extra.copyOf(extra);
    }

    public static Node of(ObjectMeta metadata, NodeSpec spec) {
        return new Node(null, null, metadata, spec, null, null);
    }

    public Node withMetadata(ObjectMeta value) {
        return new Node(apiVersion, kind, value, spec, status, extra);
    }

    public Node withSpec(NodeSpec value) {
        return new Node(apiVersion, kind, metadata, value, status, extra);
    }

    public Node withStatus(NodeStatus value) {
        return new Node(apiVersion, kind, metadata, spec, value, extra);
    }
}
