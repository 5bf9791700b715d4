package io.j8s.common.api.authorization;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.j8s.common.api.meta.KubeObject;
import io.j8s.common.api.meta.ObjectMeta;
import io.j8s.common.json.Extra;
import java.util.Map;

/**
 * The create-only review kinds (authorization.k8s.io/v1 SelfSubjectAccessReview, SelfSubjectRulesReview,
 * SubjectAccessReview; authentication.k8s.io/v1 SelfSubjectReview): the question goes in {@code spec}, the API
 * server answers in {@code status} and stores nothing. Kept as JSON maps: clients read one or two fields.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Review(
        String apiVersion,
        String kind,
        ObjectMeta metadata,
        Map<String, Object> spec,
        Map<String, Object> status,
        @JsonAnySetter @JsonAnyGetter Map<String, Object> extra) implements KubeObject<Review> {

    public Review {
        extra = Extra.copyOf(extra);
    }

    public static Review of(String apiVersion, String kind, Map<String, Object> spec) {
        return new Review(apiVersion, kind, null, spec, null, null);
    }

    public Review withMetadata(ObjectMeta value) {
        return new Review(apiVersion, kind, value, spec, status, extra);
    }
}
