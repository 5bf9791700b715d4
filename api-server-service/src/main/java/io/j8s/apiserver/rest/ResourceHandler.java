package io.j8s.apiserver.rest;

import io.j8s.apiserver.openapi.v3.ObjectSchemas;
import io.j8s.apiserver.patch.PatchMeta;
import io.j8s.apiserver.registry.FieldError;
import io.j8s.apiserver.registry.ResourceDefinition;
import io.j8s.apiserver.registry.ResourceRegistry;
import io.j8s.apiserver.rest.table.ResponseView;
import io.j8s.apiserver.storage.ListQuery;
import io.j8s.apiserver.storage.StorageException;
import io.j8s.apiserver.store.DeleteRequest;
import io.j8s.apiserver.store.DeleteResult;
import io.j8s.apiserver.store.ResourceStore;
import io.j8s.apiserver.store.Subresource;
import io.j8s.common.json.Json;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The REST verbs of every kind on Kubernetes paths: get, list, watch, create, update, patch, delete,
 * deletecollection, and the subresources status, scale, binding and finalize. HTTP concerns live here;
 * semantics live in {@link ResourceStore}.
 */
@Component
public class ResourceHandler {

    private final ResourceRegistry registry;
    private final ResourceStore store;
    private final WatchStreamer watches;
    private final ObjectSchemas schemas;

    public ResourceHandler(ResourceRegistry registry, ResourceStore store, WatchStreamer watches,
                           ObjectSchemas schemas) {
        this.registry = registry;
        this.store = store;
        this.watches = watches;
        this.schemas = schemas;
    }

    public Mono<ServerResponse> handle(ServerRequest request) {
        return Mono.defer(() -> dispatch(request, RequestTarget.parse(registry, request.path())));
    }

    private Mono<ServerResponse> dispatch(ServerRequest request, RequestTarget target) {
        HttpMethod method = request.method();
        ResourceDefinition def = target.definition();
        if (target.isCollection()) {
            if (def.namespaced() && target.namespace() == null && !HttpMethod.GET.equals(method)) {
                throw ApiException.methodNotAllowed("the server does not allow this method on the requested resource: "
                    + method + " on all namespaces of " + def.plural());
            }
            if (HttpMethod.GET.equals(method)) {
                return list(request, target);
            }
            if (HttpMethod.POST.equals(method)) {
                return create(request, target);
            }
            if (HttpMethod.DELETE.equals(method)) {
                return deleteCollection(request, target);
            }
            throw notAllowed(method, target);
        }
        String subresource = target.subresource();
        if (subresource == null) {
            if (HttpMethod.GET.equals(method)) {
                ResponseView view = ResponseView.negotiate(request);
                return store.get(def, target.namespace(), target.name())
                    .flatMap(object -> respond(view, view.object(def.kind(), object)));
            }
            if (HttpMethod.PUT.equals(method)) {
                return update(request, target, Subresource.MAIN);
            }
            if (HttpMethod.PATCH.equals(method)) {
                return patch(request, target, Subresource.MAIN);
            }
            if (HttpMethod.DELETE.equals(method)) {
                return delete(request, target);
            }
            throw notAllowed(method, target);
        }
        return switch (subresource) {
            case "status" -> status(request, target);
            case "scale" -> scale(request, target);
            case "binding" -> binding(request, target);
            case "finalize" -> finalizeNamespace(request, target);
            default -> throw ApiException.notFound("the server could not find the requested resource");
        };
    }

    // ---- collections

    private Mono<ServerResponse> list(ServerRequest request, RequestTarget target) {
        ResourceDefinition def = target.definition();
        ListRequest query = ListRequest.from(request, def);
        ResponseView view = ResponseView.negotiate(request);
        if (query.watch()) {
            if ("websocket".equalsIgnoreCase(request.headers().firstHeader(HttpHeaders.UPGRADE))) {
                // WebSocket watches are not served. fabric8 tries one first and falls back to a plain HTTP watch when
                // the handshake answers 200 (or 503, which it first retries for ~20 s): a complete 200 that is not
                // an upgrade makes it fall back at once.
                return ok(Json.mapper().createObjectNode().put("kind", "Status").put("apiVersion", "v1")
                    .put("status", "Failure").put("message", "watches over WebSocket are not served; use a plain "
                        + "HTTP watch").put("reason", "BadRequest").put("code", 400));
            }
            return watches.watch(request, def, target.namespace(), query,
                view.isObject() ? null : object -> view.watchObject(def.kind(), object));
        }
        ListQuery storageQuery = query.continueToken() == null
            ? new ListQuery(0, query.limit(), null, query.filter())
            : new ListQuery(query.continueToken().revision(), query.limit(),
                def.keyPrefix(target.namespace()) + query.continueToken().start(), query.filter());
        return store.list(def, target.namespace(), storageQuery)
            .onErrorMap(StorageException.Expired.class, e -> ApiException.gone(query.continueToken() == null
                ? "too old resource version"
                : "The provided continue parameter is too old to display a consistent list result. "
                    + "You can start a new list without the continue parameter."))
            .flatMap(page -> {
                ObjectNode list = Json.mapper().createObjectNode();
                list.put("kind", def.type().listKind());
                list.put("apiVersion", def.apiVersion());
                ObjectNode meta = list.putObject("metadata");
                meta.put("resourceVersion", Long.toString(page.revision()));
                if (page.nextKey() != null) {
                    String start = page.nextKey().substring(def.keyPrefix(target.namespace()).length());
                    meta.put("continue", new ContinueToken(page.revision(), start).encode());
                }
                ArrayNode items = list.putArray("items");
                page.items().forEach(items::add);
                return respond(view, view.list(def.kind(), list));
            });
    }

    private Mono<ServerResponse> create(ServerRequest request, RequestTarget target) {
        ResourceDefinition def = target.definition();
        FieldValidation validation = FieldValidation.from(request);
        return RequestBodies.object(request).flatMap(body -> {
            List<String> warnings = validation.check(schemas, def, body);
            return store.create(def, target.namespace(), body, dryRun(request))
                .flatMap(created -> respond(201, created, warnings));
        });
    }

    private Mono<ServerResponse> deleteCollection(ServerRequest request, RequestTarget target) {
        ResourceDefinition def = target.definition();
        ListRequest query = ListRequest.from(request, def);
        return deleteOptions(request).flatMap(options -> store.list(def, target.namespace(),
                new ListQuery(0, 0, null, query.filter()))
            .flatMapMany(page -> Flux.fromIterable(page.items()))
            .concatMap(item -> store.delete(def, target.namespace(), item.path("metadata").path("name").asString(),
                    options)
                .map(DeleteResult::object)
                .onErrorResume(ApiException.class, e -> e.code() == 404 ? Mono.empty() : Mono.error(e)))
            .collectList()
            .flatMap(deleted -> {
                ObjectNode list = Json.mapper().createObjectNode();
                list.put("kind", def.type().listKind());
                list.put("apiVersion", def.apiVersion());
                list.putObject("metadata");
                ArrayNode items = list.putArray("items");
                deleted.forEach(items::add);
                return ok(list);
            }));
    }

    // ---- single objects

    private Mono<ServerResponse> update(ServerRequest request, RequestTarget target, Subresource subresource) {
        FieldValidation validation = FieldValidation.from(request);
        return RequestBodies.object(request).flatMap(body -> {
            List<String> warnings = validation.check(schemas, target.definition(), body);
            return store.update(target.definition(), target.namespace(), target.name(), body, subresource,
                    dryRun(request))
                .flatMap(updated -> respond(200, updated, warnings));
        });
    }

    private Mono<ServerResponse> patch(ServerRequest request, RequestTarget target, Subresource subresource) {
        ResourceDefinition def = target.definition();
        Patches.Type type = Patches.typeOf(request.headers().contentType().orElse(null));
        FieldValidation validation = FieldValidation.from(request);
        PatchMeta meta = schemas.patchMeta(def);
        // The patched object is what gets checked; the store may apply the patch more than once (on conflicts).
        AtomicReference<List<String>> warnings = new AtomicReference<>(List.of());
        return RequestBodies.bytes(request)
            .map(bytes -> Patches.parse(type, bytes))
            .flatMap(patch -> store.patch(def, target.namespace(), target.name(), subresource, dryRun(request),
                current -> {
                    ObjectNode patched = Patches.apply(type, patch, current, meta);
                    warnings.set(validation.check(schemas, def, patched));
                    return patched;
                }))
            .flatMap(patched -> respond(200, patched, warnings.get()));
    }

    private Mono<ServerResponse> delete(ServerRequest request, RequestTarget target) {
        return deleteOptions(request)
            .flatMap(options -> store.delete(target.definition(), target.namespace(), target.name(), options))
            .flatMap(result -> respond(result.pending() ? 202 : 200, result.object()));
    }

    /** DeleteOptions from the body (kubectl sends one) and the query (curl users send those). */
    private Mono<DeleteRequest> deleteOptions(ServerRequest request) {
        return RequestBodies.bytes(request).map(bytes -> {
            JsonNode body = RequestBodies.any(request.headers().contentType().orElse(null), bytes);
            if (!body.isObject()) {
                throw ApiException.badRequest("the DeleteOptions body must be an object");
            }
            Long grace = request.queryParam("gracePeriodSeconds").map(ResourceHandler::parseGrace)
                .orElse(optionalLong(body, "gracePeriodSeconds"));
            String policy = request.queryParam("propagationPolicy")
                .orElse(optionalString(body, "propagationPolicy"));
            JsonNode preconditions = body.path("preconditions");
            boolean dryRun = dryRun(request) || body.path("dryRun").isArray() && !body.path("dryRun").isEmpty();
            return new DeleteRequest(grace, policy, optionalString(preconditions, "uid"),
                optionalString(preconditions, "resourceVersion"), dryRun);
        });
    }

    private static Long optionalLong(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.canConvertToExactIntegral() || !value.canConvertToLong()) {
            throw ApiException.badRequest(field + " must be an integer, not " + value);
        }
        return value.asLong();
    }

    private static String optionalString(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isString()) {
            throw ApiException.badRequest(field + " must be a string, not " + value);
        }
        return value.asString();
    }

    private static long parseGrace(String value) {
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw ApiException.badRequest("gracePeriodSeconds must be an integer, not \"" + value + "\"");
        }
    }

    // ---- subresources

    private Mono<ServerResponse> status(ServerRequest request, RequestTarget target) {
        if (!target.definition().hasStatus()) {
            throw ApiException.notFound("the server could not find the requested resource");
        }
        HttpMethod method = request.method();
        if (HttpMethod.GET.equals(method)) {
            return store.get(target.definition(), target.namespace(), target.name()).flatMap(ResourceHandler::ok);
        }
        if (HttpMethod.PUT.equals(method)) {
            return update(request, target, Subresource.STATUS);
        }
        if (HttpMethod.PATCH.equals(method)) {
            return patch(request, target, Subresource.STATUS);
        }
        throw notAllowed(method, target);
    }

    private Mono<ServerResponse> scale(ServerRequest request, RequestTarget target) {
        ResourceDefinition def = target.definition();
        if (!def.hasScale()) {
            throw ApiException.notFound("the server could not find the requested resource");
        }
        HttpMethod method = request.method();
        if (HttpMethod.GET.equals(method)) {
            return store.getScale(def, target.namespace(), target.name()).flatMap(ResourceHandler::ok);
        }
        if (HttpMethod.PUT.equals(method)) {
            return RequestBodies.object(request)
                .flatMap(scale -> store.updateScale(def, target.namespace(), target.name(), dryRun(request),
                    current -> scale))
                .flatMap(ResourceHandler::ok);
        }
        if (HttpMethod.PATCH.equals(method)) {
            Patches.Type type = Patches.typeOf(request.headers().contentType().orElse(null));
            return RequestBodies.bytes(request)
                .map(bytes -> Patches.parse(type, bytes))
                .flatMap(patch -> store.updateScale(def, target.namespace(), target.name(), dryRun(request),
                    current -> Patches.apply(type, patch, current)))
                .flatMap(ResourceHandler::ok);
        }
        throw notAllowed(method, target);
    }

    private Mono<ServerResponse> binding(ServerRequest request, RequestTarget target) {
        ResourceDefinition def = target.definition();
        if (!"Pod".equals(def.kind())) {
            throw ApiException.notFound("the server could not find the requested resource");
        }
        if (!HttpMethod.POST.equals(request.method())) {
            throw notAllowed(request.method(), target);
        }
        return RequestBodies.object(request).flatMap(binding -> {
            String node = binding.path("target").path("name").asString("");
            String kind = binding.path("target").path("kind").asString("");
            if (node.isEmpty()) {
                throw ApiException.invalid("", "Binding", target.name(), List.of(FieldError.required("target.name")));
            }
            if (!kind.isEmpty() && !kind.equals("Node")) {
                throw ApiException.invalid("", "Binding", target.name(),
                    List.of(FieldError.notSupported("target.kind", kind, List.of("Node"))));
            }
            return store.bind(def, target.namespace(), target.name(), node);
        }).flatMap(bound -> respond(201, success(201)));
    }

    private Mono<ServerResponse> finalizeNamespace(ServerRequest request, RequestTarget target) {
        if (!"Namespace".equals(target.definition().kind()) || !HttpMethod.PUT.equals(request.method())) {
            throw ApiException.notFound("the server could not find the requested resource");
        }
        return update(request, target, Subresource.FINALIZE);
    }

    // ---- responses

    static Mono<ServerResponse> ok(JsonNode body) {
        return respond(200, body);
    }

    private static Mono<ServerResponse> respond(ResponseView view, JsonNode body) {
        return ServerResponse.ok().header(HttpHeaders.CONTENT_TYPE, view.contentType())
            .bodyValue(Json.mapper().writeValueAsBytes(body));
    }

    private static Mono<ServerResponse> respond(int code, JsonNode body, List<String> warnings) {
        return ServerResponse.status(code).contentType(MediaType.APPLICATION_JSON)
            .headers(headers -> FieldValidation.addWarnings(headers, warnings))
            .bodyValue(Json.mapper().writeValueAsBytes(body));
    }

    static Mono<ServerResponse> respond(int code, JsonNode body) {
        return ServerResponse.status(code).contentType(MediaType.APPLICATION_JSON)
            .bodyValue(Json.mapper().writeValueAsBytes(body));
    }

    private static ObjectNode success(int code) {
        ObjectNode status = Json.mapper().createObjectNode();
        status.put("kind", "Status").put("apiVersion", "v1");
        status.putObject("metadata");
        status.put("status", "Success").put("code", code);
        return status;
    }

    private static boolean dryRun(ServerRequest request) {
        List<String> values = request.queryParams().getOrDefault("dryRun", List.of());
        for (String value : values) {
            if (!value.equals("All")) {
                throw ApiException.badRequest("dryRun: Unsupported value: \"" + value + "\": supported values: \"All\"");
            }
        }
        return !values.isEmpty();
    }

    private static ApiException notAllowed(HttpMethod method, RequestTarget target) {
        return ApiException.methodNotAllowed("the server does not allow this method on the requested resource: "
            + method + " " + target.definition().plural()
            + (target.subresource() == null ? "" : "/" + target.subresource()));
    }
}
