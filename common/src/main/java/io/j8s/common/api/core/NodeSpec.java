package io.j8s.common.api.core;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.j8s.common.json.Extra;
import java.util.List;
import java.util.Map;

@JsonInclude(JsonInclude.Include.NON_NULL)
public record NodeSpec(
        Boolean unschedulable,
        List<Taint> taints,
        String podCIDR,
        List<String> podCIDRs,
        String providerID,
        @JsonAnySetter @JsonAnyGetter Map<String, Object> extra) {

    public NodeSpec {
        extra = Extra.copyOf(extra);
    }

    public static NodeSpec empty() {
        return new NodeSpec(null, null, null, null, null, null);
    }

    public List<Taint> taintsOrEmpty() {
        return taints == null ? List.of() : taints;
    }

    public NodeSpec withUnschedulable(Boolean value) {
        return new NodeSpec(value, taints, podCIDR, podCIDRs, providerID, extra);
    }

    public NodeSpec withTaints(List<Taint> value) {
        return new NodeSpec(unschedulable, value, podCIDR, podCIDRs, providerID, extra);
    }

    public NodeSpec withPodCIDR(String value) {
        return new NodeSpec(unschedulable, taints, value, podCIDRs, providerID, extra);
    }

    public NodeSpec withPodCIDRs(List<String> value) {
        return new NodeSpec(unschedulable, taints, podCIDR, value, providerID, extra);
    }

    public NodeSpec withProviderID(String value) {
        return new NodeSpec(unschedulable, taints, podCIDR, podCIDRs, value, extra);
    }
}
