package io.j8s.common.api.apps;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.j8s.common.api.core.PodTemplateSpec;
import io.j8s.common.api.meta.LabelSelector;
import io.j8s.common.json.Extra;
import java.util.Map;

@JsonInclude(JsonInclude.Include.NON_NULL)
public record ReplicaSetSpec(
        Integer replicas,
        Integer minReadySeconds,
        LabelSelector selector,
        PodTemplateSpec template,
        @JsonAnySetter @JsonAnyGetter Map<String, Object> extra) {

    public ReplicaSetSpec {
        extra = Extra.copyOf(extra);
    }

    public static ReplicaSetSpec of(int replicas, LabelSelector selector, PodTemplateSpec template) {
        return new ReplicaSetSpec(replicas, null, selector, template, null);
    }

    public ReplicaSetSpec withReplicas(Integer value) {
        return new ReplicaSetSpec(value, minReadySeconds, selector, template, extra);
    }

    public ReplicaSetSpec withMinReadySeconds(Integer value) {
        return new ReplicaSetSpec(replicas, value, selector, template, extra);
    }

    public ReplicaSetSpec withSelector(LabelSelector value) {
        return new ReplicaSetSpec(replicas, minReadySeconds, value, template, extra);
    }

    public ReplicaSetSpec withTemplate(PodTemplateSpec value) {
        return new ReplicaSetSpec(replicas, minReadySeconds, selector, value, extra);
    }
}
