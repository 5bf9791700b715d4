package io.j8s.common.api.core;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.j8s.common.json.Extra;
import java.util.List;
import java.util.Map;

/**
 * Capacity and allocatable are quantities by resource name (cpu, memory, pods).
 * nodeInfo is kept as a map (kubeletVersion, osImage, containerRuntimeVersion, ...).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record NodeStatus(
        Map<String, String> capacity,
        Map<String, String> allocatable,
        List<NodeCondition> conditions,
        List<NodeAddress> addresses,
        Map<String, String> nodeInfo,
        DaemonEndpoints daemonEndpoints,
        @JsonAnySetter @JsonAnyGetter Map<String, Object> extra) {

    public NodeStatus {
        extra = Extra.copyOf(extra);
    }

    public static NodeStatus empty() {
        return new NodeStatus(null, null, null, null, null, null, null);
    }

    public NodeStatus withCapacity(Map<String, String> value) {
        return new NodeStatus(value, allocatable, conditions, addresses, nodeInfo, daemonEndpoints, extra);
    }

    public NodeStatus withAllocatable(Map<String, String> value) {
        return new NodeStatus(capacity, value, conditions, addresses, nodeInfo, daemonEndpoints, extra);
    }

    public NodeStatus withConditions(List<NodeCondition> value) {
        return new NodeStatus(capacity, allocatable, value, addresses, nodeInfo, daemonEndpoints, extra);
    }

    public NodeStatus withAddresses(List<NodeAddress> value) {
        return new NodeStatus(capacity, allocatable, conditions, value, nodeInfo, daemonEndpoints, extra);
    }

    public NodeStatus withNodeInfo(Map<String, String> value) {
        return new NodeStatus(capacity, allocatable, conditions, addresses, value, daemonEndpoints, extra);
    }

    public NodeStatus withDaemonEndpoints(DaemonEndpoints value) {
        return new NodeStatus(capacity, allocatable, conditions, addresses, nodeInfo, value, extra);
    }

    /** Where the node agent listens; the API server proxies logs there. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record DaemonEndpoints(
            DaemonEndpoint kubeletEndpoint,
            @JsonAnySetter @JsonAnyGetter Map<String, Object> extra) {

        public DaemonEndpoints {
            extra = Extra.copyOf(extra);
        }

        public static DaemonEndpoints kubelet(int port) {
            return new DaemonEndpoints(new DaemonEndpoint(port, null), null);
        }
    }

    /** The capital {@code Port} is Kubernetes' own spelling. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record DaemonEndpoint(
            @JsonProperty("Port") Integer port,
            @JsonAnySetter @JsonAnyGetter Map<String, Object> extra) {

        public DaemonEndpoint {
            extra = Extra.copyOf(extra);
        }
    }
}
