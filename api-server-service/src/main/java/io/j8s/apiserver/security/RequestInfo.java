package io.j8s.apiserver.security;

import io.j8s.apiserver.rest.ApiPath;
import io.j8s.common.fields.FieldSelector;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.springframework.http.HttpMethod;
import org.springframework.util.MultiValueMap;

/**
 * What a request asks to do, in the terms authorization and auditing use (after kube-apiserver's
 * {@code RequestInfoFactory}): for API resources the verb (get, list, watch, create, update, patch, delete,
 * deletecollection), API group and version, namespace, resource, subresource and name; for anything else the path
 * and the lower-case HTTP method.
 *
 * <p>Paths are split as the REST router splits them ({@link ApiPath}), so what is authorized is what is served. A
 * list or watch selecting one object by {@code fieldSelector=metadata.name=x} is authorized as that object.
 */
public record RequestInfo(
    boolean resourceRequest,
    String path,
    String verb,
    String apiGroup,
    String apiVersion,
    String namespace,
    String resource,
    String subresource,
    String name,
    FieldSelector fieldSelector) {

    /**
     * Pod subresources that open a stream: kube-apiserver authorizes their WebSocket upgrade (a GET) as
     * {@code create}, as the POST of SPDY always was, so {@code get} alone never lets anyone run a command.
     */
    private static final Set<String> CONNECT_SUBRESOURCES = Set.of("exec", "attach", "portforward");

    /** Segments after {@code namespaces/{name}} that are subresources of the Namespace, not kinds in it. */
    private static final Set<String> NAMESPACE_SUBRESOURCES = Set.of("status", "finalize");

    public RequestInfo {
        namespace = namespace == null ? "" : namespace;
        resource = resource == null ? "" : resource;
        subresource = subresource == null ? "" : subresource;
        name = name == null ? "" : name;
        apiGroup = apiGroup == null ? "" : apiGroup;
        apiVersion = apiVersion == null ? "" : apiVersion;
        fieldSelector = fieldSelector == null ? FieldSelector.everything() : fieldSelector;
    }

    /** A non-resource request: {@code /version}, {@code /apis}, {@code /openapi/v3}, ... */
    public static RequestInfo nonResource(String path, String verb) {
        return new RequestInfo(false, path, verb, "", "", "", "", "", "", null);
    }

    /** A resource request as a SubjectAccessReview describes it. */
    public static RequestInfo resource(String verb, String group, String version, String namespace, String resource,
                                       String subresource, String name) {
        return new RequestInfo(true, "", verb, group, version, namespace, resource, subresource, name, null);
    }

    public static RequestInfo of(HttpMethod method, String path, MultiValueMap<String, String> query) {
        String methodVerb = method.name().toLowerCase(Locale.ROOT);
        Optional<ApiPath> api = ApiPath.of(path);
        if (api.isEmpty()) {
            return nonResource(path, methodVerb);
        }
        String group = api.get().group();
        String version = api.get().version();
        List<String> rest = api.get().rest();
        String verb = switch (methodVerb) {
            case "post" -> "create";
            case "get", "head" -> "get";
            case "put" -> "update";
            case "patch" -> "patch";
            case "delete" -> "delete";
            default -> "";
        };
        if (!rest.isEmpty() && rest.get(0).equals("watch")) {
            verb = "watch";
            rest = rest.subList(1, rest.size());
        }
        String namespace = "";
        if (!rest.isEmpty() && rest.get(0).equals("namespaces") && rest.size() > 1) {
            namespace = rest.get(1);
            if (rest.size() > 2 && !NAMESPACE_SUBRESOURCES.contains(rest.get(2))) {
                rest = rest.subList(2, rest.size());
            }
        }
        String resource = !rest.isEmpty() ? rest.get(0) : "";
        String name = rest.size() >= 2 ? rest.get(1) : "";
        String subresource = rest.size() >= 3 ? rest.get(2) : "";
        FieldSelector fields = FieldSelector.everything();
        if (name.isEmpty() && verb.equals("get")) {
            verb = isWatch(query) ? "watch" : "list";
        }
        if (verb.equals("list") || verb.equals("watch")) {
            fields = parseFields(query.getFirst("fieldSelector"));
            String selected = exactMatch(fields, "metadata.name");
            if (selected != null && !selected.isEmpty() && !selected.contains("/") && !selected.contains("%")
                && !selected.equals(".") && !selected.equals("..")) {
                name = selected;
            }
        }
        if (verb.equals("get") && group.isEmpty() && resource.equals("pods")
            && CONNECT_SUBRESOURCES.contains(subresource)) {
            verb = "create";
        }
        if (name.isEmpty() && verb.equals("delete")) {
            verb = "deletecollection";
        }
        return new RequestInfo(true, path, verb, group, version, namespace, resource, subresource, name, fields);
    }

    /** The value {@code field} must equal for the selector to match, or null when it does not pin one. */
    public String fieldValue(String field) {
        return exactMatch(fieldSelector, field);
    }

    /** {@code pods} or {@code pods/status}: the resource as RBAC rules name it. */
    public String resourceWithSubresource() {
        return subresource.isEmpty() ? resource : resource + "/" + subresource;
    }

    /** A write: what the audit log records. */
    public boolean isMutating() {
        return switch (verb) {
            case "create", "update", "patch", "delete", "deletecollection" -> true;
            default -> !resourceRequest && !verb.equals("get") && !verb.equals("head") && !verb.equals("options");
        };
    }

    /** As the REST layer decides it ({@code ListRequest}): present and empty, {@code true} or {@code 1}. */
    private static boolean isWatch(MultiValueMap<String, String> query) {
        String value = query.getFirst("watch");
        return query.containsKey("watch") && (value == null || value.isEmpty() || value.equals("true")
            || value.equals("1"));
    }

    private static FieldSelector parseFields(String expression) {
        try {
            return FieldSelector.parse(expression);
        } catch (IllegalArgumentException e) {
            return FieldSelector.everything(); // the REST layer answers 400 for it
        }
    }

    private static String exactMatch(FieldSelector selector, String field) {
        for (FieldSelector.Requirement requirement : selector.requirements()) {
            if (requirement.field().equals(field) && requirement.operator() != FieldSelector.Operator.NOT_EQUALS) {
                return requirement.value();
            }
        }
        return null;
    }
}
