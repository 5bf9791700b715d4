package io.j8s.common.api.discovery;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.j8s.common.api.meta.KubeObject;
import io.j8s.common.api.meta.ObjectMeta;
import io.j8s.common.json.Extra;
import java.util.List;
import java.util.Map;

/**
 * discovery.k8s.io/v1 EndpointSlice: some of the endpoints behind a Service, all of one address type and sharing one
 * set of ports. A Service's slices carry the label {@link #LABEL_SERVICE_NAME}; together they list its endpoints.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record EndpointSlice(
        String apiVersion,
        String kind,
        ObjectMeta metadata,
        String addressType,
        List<Endpoint> endpoints,
        List<EndpointPort> ports,
        @JsonAnySetter @JsonAnyGetter Map<String, Object> extra) implements KubeObject<EndpointSlice> {

    public static final String API_VERSION = "discovery.k8s.io/v1";
    public static final String KIND = "EndpointSlice";

    /** The Service a slice belongs to (discoveryv1.LabelServiceName). */
    public static final String LABEL_SERVICE_NAME = "kubernetes.io/service-name";
    /** Who manages a slice (discoveryv1.LabelManagedBy). */
    public static final String LABEL_MANAGED_BY = "endpointslice.kubernetes.io/managed-by";

    public static final String ADDRESS_TYPE_IPV4 = "IPv4";
    public static final String ADDRESS_TYPE_IPV6 = "IPv6";
    public static final String ADDRESS_TYPE_FQDN = "FQDN";

    public EndpointSlice {
        apiVersion = apiVersion == null ? API_VERSION : apiVersion;
        kind = kind == null ? KIND : kind;
        extra = Extra.copyOf(extra);
    }

    public static EndpointSlice of(ObjectMeta metadata, String addressType, List<Endpoint> endpoints,
                                   List<EndpointPort> ports) {
        return new EndpointSlice(null, null, metadata, addressType, endpoints, ports, null);
    }

    public List<Endpoint> endpointsOrEmpty() {
        return endpoints == null ? List.of() : endpoints;
    }

    public List<EndpointPort> portsOrEmpty() {
        return ports == null ? List.of() : ports;
    }

    @Override
    public EndpointSlice withMetadata(ObjectMeta value) {
        return new EndpointSlice(apiVersion, kind, value, addressType, endpoints, ports, extra);
    }

    public EndpointSlice withEndpoints(List<Endpoint> value) {
        return new EndpointSlice(apiVersion, kind, metadata, addressType, value, ports, extra);
    }
}
