package io.j8s.common.api.core;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.j8s.common.api.IntOrString;
import io.j8s.common.json.Extra;
import java.util.List;
import java.util.Map;

/** A liveness, readiness or startup probe: exactly one of httpGet, tcpSocket or exec. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Probe(
        HttpGetAction httpGet,
        TcpSocketAction tcpSocket,
        ExecAction exec,
        Integer initialDelaySeconds,
        Integer periodSeconds,
        Integer timeoutSeconds,
        Integer successThreshold,
        Integer failureThreshold,
        @JsonAnySetter @JsonAnyGetter Map<String, Object> extra) {

    public Probe {
        extra = Extra.copyOf(extra);
    }

    public static Probe httpGet(String path, IntOrString port) {
        return new Probe(new HttpGetAction(path, port, null, null, null, null), null, null, null, null, null, null, null, null);
    }

    public static Probe tcpSocket(IntOrString port) {
        return new Probe(null, new TcpSocketAction(port, null, null), null, null, null, null, null, null, null);
    }

    public static Probe exec(List<String> command) {
        return new Probe(null, null, new ExecAction(command, null), null, null, null, null, null, null);
    }

    public Probe withTiming(Integer initialDelaySeconds, Integer periodSeconds, Integer timeoutSeconds,
            Integer successThreshold, Integer failureThreshold) {
        return new Probe(httpGet, tcpSocket, exec, initialDelaySeconds, periodSeconds, timeoutSeconds,
                successThreshold, failureThreshold, extra);
    }

    /** port is a number or the name of a container port; scheme HTTP or HTTPS. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record HttpGetAction(
            String path,
            IntOrString port,
            String host,
            String scheme,
            List<HttpHeader> httpHeaders,
            @JsonAnySetter @JsonAnyGetter Map<String, Object> extra) {

        public HttpGetAction {
            extra = Extra.copyOf(extra);
        }
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record HttpHeader(
            String name,
            String value,
            @JsonAnySetter @JsonAnyGetter Map<String, Object> extra) {

        public HttpHeader {
            extra = Extra.copyOf(extra);
        }
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record TcpSocketAction(
            IntOrString port,
            String host,
            @JsonAnySetter @JsonAnyGetter Map<String, Object> extra) {

        public TcpSocketAction {
            extra = Extra.copyOf(extra);
        }
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ExecAction(
            List<String> command,
            @JsonAnySetter @JsonAnyGetter Map<String, Object> extra) {

        public ExecAction {
            extra = Extra.copyOf(extra);
        }
    }
}
