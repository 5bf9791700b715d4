package io.j8s.common.api.core;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.j8s.common.json.Extra;
import java.util.Map;

/** A pod volume. hostPath and emptyDir are modelled; every other source stays in {@code extra}. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Volume(
        String name,
        HostPath hostPath,
        EmptyDir emptyDir,
        @JsonAnySetter @JsonAnyGetter Map<String, Object> extra) {

    public Volume {
        extra = Extra.copyOf(extra);
    }

    public static Volume hostPath(String name, String path) {
        return new Volume(name, new HostPath(path, null, null), null, null);
    }

    public static Volume emptyDir(String name) {
        return new Volume(name, null, new EmptyDir(null, null, null), null);
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record HostPath(
            String path,
            String type,
            @JsonAnySetter @JsonAnyGetter Map<String, Object> extra) {

        public HostPath {
            extra = Extra.copyOf(extra);
        }
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record EmptyDir(
            String medium,
            String sizeLimit,
            @JsonAnySetter @JsonAnyGetter Map<String, Object> extra) {

        public EmptyDir {
            extra = Extra.copyOf(extra);
        }
    }
}
