package io.j8s.apiserver.authorization;

import static org.springframework.web.reactive.function.server.RequestPredicates.path;

import io.j8s.apiserver.rbac.RuleResolver;
import io.j8s.apiserver.registry.FieldError;
import io.j8s.apiserver.rest.ApiException;
import io.j8s.apiserver.rest.RequestBodies;
import io.j8s.apiserver.security.CurrentUser;
import io.j8s.apiserver.security.RequestInfo;
import io.j8s.apiserver.security.UserInfo;
import io.j8s.common.api.rbac.PolicyRule;
import io.j8s.common.json.Json;
import java.util.ArrayList;
import java.util.List;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The review kinds, answered and never stored: SelfSubjectAccessReview ({@code kubectl auth can-i}),
 * SelfSubjectRulesReview ({@code kubectl auth can-i --list}), SubjectAccessReview (may a given user?, for admins) and
 * SelfSubjectReview ({@code kubectl auth whoami}). Each is a POST that returns the object with its {@code status}
 * filled in; any other verb on their paths is 405.
 */
@Configuration(proxyBeanMethods = false)
public class ReviewHandler {

    private static final String AUTHORIZATION = "/apis/authorization.k8s.io/v1/";
    private static final String AUTHENTICATION = "/apis/authentication.k8s.io/v1/";

    private final RequestAuthorizer authorizer;
    private final RuleResolver rules;

    public ReviewHandler(RequestAuthorizer authorizer, RuleResolver rules) {
        this.authorizer = authorizer;
        this.rules = rules;
    }

    /** Ahead of the generic resource routes, which would look for these kinds in storage. */
    @Bean
    @Order(-2)
    RouterFunction<ServerResponse> reviewRoutes() {
        return RouterFunctions.route(path(AUTHORIZATION + "selfsubjectaccessreviews"),
                request -> post(request, "SelfSubjectAccessReview", this::selfSubjectAccessReview))
            .andRoute(path(AUTHORIZATION + "selfsubjectrulesreviews"),
                request -> post(request, "SelfSubjectRulesReview", this::selfSubjectRulesReview))
            .andRoute(path(AUTHORIZATION + "subjectaccessreviews"),
                request -> post(request, "SubjectAccessReview", this::subjectAccessReview))
            .andRoute(path(AUTHENTICATION + "selfsubjectreviews"),
                request -> post(request, "SelfSubjectReview", this::selfSubjectReview))
            .andRoute(path(AUTHORIZATION + "{resource}/**").or(path(AUTHENTICATION + "{resource}/**")),
                request -> Mono.error(ApiException.notFound("the server could not find the requested resource")));
    }

    @FunctionalInterface
    private interface Answer {
        Mono<ObjectNode> status(ObjectNode review, UserInfo user);
    }

    private Mono<ServerResponse> post(ServerRequest request, String kind, Answer answer) {
        if (!HttpMethod.POST.equals(request.method())) {
            return Mono.error(ApiException.methodNotAllowed(
                "the server does not allow this method on the requested resource"));
        }
        String apiVersion = kind.equals("SelfSubjectReview") ? "authentication.k8s.io/v1" : "authorization.k8s.io/v1";
        return RequestBodies.object(request).flatMap(review -> {
            String bodyKind = review.path("kind").asString("");
            if (!bodyKind.isEmpty() && !bodyKind.equals(kind)) {
                throw ApiException.badRequest("the kind in the data (" + bodyKind
                    + ") does not match the expected kind (" + kind + ")");
            }
            review.put("apiVersion", apiVersion).put("kind", kind);
            if (!review.path("metadata").isObject()) {
                review.putObject("metadata");
            }
            ((ObjectNode) review.get("metadata")).putNull("creationTimestamp");
            return CurrentUser.get().defaultIfEmpty(UserInfo.ANONYMOUS)
                .flatMap(user -> answer.status(review, user))
                .map(status -> {
                    review.set("status", status);
                    return review;
                });
        }).flatMap(review -> ServerResponse.status(201).contentType(MediaType.APPLICATION_JSON)
            .bodyValue(Json.mapper().writeValueAsBytes(review)));
    }

    private Mono<ObjectNode> selfSubjectAccessReview(ObjectNode review, UserInfo user) {
        return access(attributes(review, kindName(review)), user);
    }

    private Mono<ObjectNode> subjectAccessReview(ObjectNode review, UserInfo caller) {
        JsonNode spec = review.path("spec");
        String name = spec.path("user").asString("");
        List<String> groups = new ArrayList<>();
        spec.path("groups").forEach(g -> groups.add(g.asString("")));
        RequestInfo attributes = attributes(review, "SubjectAccessReview");
        if (name.isEmpty() && groups.isEmpty()) {
            throw ApiException.invalid("authorization.k8s.io", "SubjectAccessReview", "",
                List.of(FieldError.invalid("spec.user", "", "at least one of user or group must be specified")));
        }
        return access(attributes, new UserInfo(name, spec.path("uid").asString(""), groups));
    }

    private Mono<ObjectNode> access(RequestInfo attributes, UserInfo user) {
        return authorizer.authorize(user, attributes).map(decision -> {
            ObjectNode status = Json.mapper().createObjectNode();
            status.put("allowed", decision.allowed());
            if (decision.outcome() == Decision.Outcome.DENY) {
                status.put("denied", true);
            }
            if (!decision.reason().isEmpty()) {
                status.put("reason", decision.reason());
            }
            return status;
        });
    }

    /** The request a review asks about, from exactly one of resourceAttributes and nonResourceAttributes. */
    private static RequestInfo attributes(ObjectNode review, String kind) {
        JsonNode spec = review.path("spec");
        JsonNode resource = spec.get("resourceAttributes");
        JsonNode nonResource = spec.get("nonResourceAttributes");
        boolean hasResource = resource != null && resource.isObject();
        boolean hasNonResource = nonResource != null && nonResource.isObject();
        if (hasResource == hasNonResource) {
            String field = hasResource ? "spec.nonResourceAttributes" : "spec.resourceAttributes";
            FieldError error = hasResource
                ? FieldError.invalid(field, nonResource.toString(),
                    "cannot be specified in combination with resourceAttributes")
                : FieldError.required(field, "exactly one of nonResourceAttributes or resourceAttributes must be "
                    + "specified");
            throw ApiException.invalid("authorization.k8s.io", kind, "", List.of(error));
        }
        if (hasNonResource) {
            return RequestInfo.nonResource(nonResource.path("path").asString(""),
                nonResource.path("verb").asString(""));
        }
        return RequestInfo.resource(resource.path("verb").asString(""), resource.path("group").asString(""),
            resource.path("version").asString(""), resource.path("namespace").asString(""),
            resource.path("resource").asString(""), resource.path("subresource").asString(""),
            resource.path("name").asString(""));
    }

    private static String kindName(ObjectNode review) {
        return review.path("kind").asString("SelfSubjectAccessReview");
    }

    private Mono<ObjectNode> selfSubjectRulesReview(ObjectNode review, UserInfo user) {
        String namespace = review.path("spec").path("namespace").asString("");
        return Mono.fromSupplier(() -> {
            ObjectNode status = Json.mapper().createObjectNode();
            ArrayNode resourceRules = status.putArray("resourceRules");
            ArrayNode nonResourceRules = status.putArray("nonResourceRules");
            for (PolicyRule rule : rules.rulesFor(user, namespace)) {
                if (!rule.nonResourceURLs().isEmpty()) {
                    ObjectNode r = nonResourceRules.addObject();
                    r.set("verbs", Json.mapper().valueToTree(rule.verbs()));
                    r.set("nonResourceURLs", Json.mapper().valueToTree(rule.nonResourceURLs()));
                } else {
                    ObjectNode r = resourceRules.addObject();
                    r.set("verbs", Json.mapper().valueToTree(rule.verbs()));
                    r.set("apiGroups", Json.mapper().valueToTree(rule.apiGroups()));
                    r.set("resources", Json.mapper().valueToTree(rule.resources()));
                    if (!rule.resourceNames().isEmpty()) {
                        r.set("resourceNames", Json.mapper().valueToTree(rule.resourceNames()));
                    }
                }
            }
            // The Node authorizer decides per object: its grants cannot be listed as rules.
            boolean node = user.nodeName() != null;
            status.put("incomplete", node);
            if (node) {
                status.put("evaluationError", "node authorizer does not support user rule resolution");
            }
            return status;
        });
    }

    private Mono<ObjectNode> selfSubjectReview(ObjectNode review, UserInfo user) {
        ObjectNode status = Json.mapper().createObjectNode();
        ObjectNode info = status.putObject("userInfo");
        info.put("username", user.name());
        if (!user.uid().isEmpty()) {
            info.put("uid", user.uid());
        }
        info.set("groups", Json.mapper().valueToTree(user.groups()));
        return Mono.just(status);
    }
}
