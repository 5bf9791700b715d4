package io.j8s.common.api.meta;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.j8s.common.json.Extra;
import java.util.List;
import java.util.Map;

/** metav1.Status: how the API server reports every failure (and some successes, e.g. deletes). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Status(
        String apiVersion,
        String kind,
        ListMeta metadata,
        String status,
        String message,
        String reason,
        Details details,
        Integer code,
        @JsonAnySetter @JsonAnyGetter Map<String, Object> extra) {

    public static final String SUCCESS = "Success";
    public static final String FAILURE = "Failure";

    public Status {
        apiVersion = apiVersion == null ? "v1" : apiVersion;
        kind = kind == null ? "Status" : kind;
        metadata = metadata == null ? new ListMeta(null, null, null, null) : metadata;
        extra = Extra.copyOf(extra);
    }

    /** A failure such as {@code failure(404, "NotFound", "pods \"x\" not found")}. */
    public static Status failure(int code, String reason, String message) {
        return new Status(null, null, null, FAILURE, message, reason, null, code, null);
    }

    public static Status success() {
        return new Status(null, null, null, SUCCESS, null, null, null, null, null);
    }

    public Status withDetails(Details value) {
        return new Status(apiVersion, kind, metadata, status, message, reason, value, code, extra);
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Details(
            String name,
            String group,
            String kind,
            String uid,
            List<Cause> causes,
            Integer retryAfterSeconds,
            @JsonAnySetter @JsonAnyGetter Map<String, Object> extra) {

        public Details {
            extra = Extra.copyOf(extra);
        }

        public static Details of(String group, String kind, String name) {
            return new Details(name, group, kind, null, null, null, null);
        }

        public Details withCauses(List<Cause> value) {
            return new Details(name, group, kind, uid, value, retryAfterSeconds, extra);
        }
    }

    /** One field error of an Invalid status; {@code reason} is e.g. FieldValueRequired. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Cause(
            String reason,
            String message,
            String field,
            @JsonAnySetter @JsonAnyGetter Map<String, Object> extra) {

        public Cause {
            extra = Extra.copyOf(extra);
        }

        public static Cause of(String reason, String message, String field) {
            return new Cause(reason, message, field, null);
        }
    }
}
