package io.j8s.common.api.core;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.j8s.common.json.Extra;
import java.util.List;
import java.util.Map;

/** type is ClusterIP (default), NodePort, LoadBalancer or ExternalName. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ServiceSpec(
        String type,
        Map<String, String> selector,
        List<ServicePort> ports,
        String clusterIP,
        List<String> clusterIPs,
        String sessionAffinity,
        String externalTrafficPolicy,
        @JsonAnySetter @JsonAnyGetter Map<String, Object> extra) {

    public ServiceSpec {
        extra = Extra.copyOf(extra);
    }

    public static ServiceSpec of(Map<String, String> selector, List<ServicePort> ports) {
        return new ServiceSpec(null, selector, ports, null, null, null, null, null);
    }

    public ServiceSpec withType(String value) {
        return new ServiceSpec(value, selector, ports, clusterIP, clusterIPs, sessionAffinity, externalTrafficPolicy, extra);
    }

    public ServiceSpec withSelector(Map<String, String> value) {
        return new ServiceSpec(type, value, ports, clusterIP, clusterIPs, sessionAffinity, externalTrafficPolicy, extra);
    }

    public ServiceSpec withPorts(List<ServicePort> value) {
        return new ServiceSpec(type, selector, value, clusterIP, clusterIPs, sessionAffinity, externalTrafficPolicy, extra);
    }

    public ServiceSpec withClusterIP(String value) {
        return new ServiceSpec(type, selector, ports, value, clusterIPs, sessionAffinity, externalTrafficPolicy, extra);
    }

    public ServiceSpec withClusterIPs(List<String> value) {
        return new ServiceSpec(type, selector, ports, clusterIP, value, sessionAffinity, externalTrafficPolicy, extra);
    }
}
