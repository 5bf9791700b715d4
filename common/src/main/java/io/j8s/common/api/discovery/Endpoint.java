package io.j8s.common.api.discovery;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.j8s.common.api.core.ObjectReference;
import io.j8s.common.json.Extra;
import java.util.List;
import java.util.Map;

/**
 * One endpoint of an {@link EndpointSlice}: its addresses (one in practice), readiness, the pod behind it and where
 * it runs. {@code hints} and {@code deprecatedTopology} travel in {@code extra}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Endpoint(
        List<String> addresses,
        EndpointConditions conditions,
        String hostname,
        ObjectReference targetRef,
        String nodeName,
        String zone,
        @JsonAnySetter @JsonAnyGetter Map<String, Object> extra) {

    public Endpoint {
        extra = Extra.copyOf(extra);
    }

    public List<String> addressesOrEmpty() {
        return addresses == null ? List.of() : addresses;
    }
}
