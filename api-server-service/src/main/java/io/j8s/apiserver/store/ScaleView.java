package io.j8s.apiserver.store;

import io.j8s.common.api.meta.LabelSelector;
import io.j8s.common.json.Json;
import io.j8s.common.labels.Selector;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** The autoscaling/v1 Scale that Deployments and ReplicaSets expose at {@code /scale}. */
final class ScaleView {

    private ScaleView() {
    }

    static ObjectNode of(ObjectNode parent) {
        ObjectNode scale = Json.mapper().createObjectNode();
        scale.put("kind", "Scale");
        scale.put("apiVersion", "autoscaling/v1");
        ObjectNode meta = scale.putObject("metadata");
        JsonNode parentMeta = parent.path("metadata");
        for (String field : new String[] {"name", "namespace", "uid", "resourceVersion", "creationTimestamp"}) {
            if (parentMeta.has(field)) {
                meta.set(field, parentMeta.get(field).deepCopy());
            }
        }
        scale.putObject("spec").put("replicas", parent.path("spec").path("replicas").asInt(0));
        ObjectNode status = scale.putObject("status");
        status.put("replicas", parent.path("status").path("replicas").asInt(0));
        JsonNode selector = parent.path("spec").get("selector");
        if (selector != null && selector.isObject()) {
            status.put("selector", Selector.from(Json.convert(selector, LabelSelector.class)).toString());
        }
        return scale;
    }
}
