package io.j8s.apiserver.rest;

import io.j8s.apiserver.registry.ResourceDefinition;
import io.j8s.apiserver.registry.ResourceRegistry;
import java.util.List;

/**
 * What a resource path names: the kind, the namespace (null for cluster-scoped kinds and all-namespaces
 * lists), the object name (null for collections) and the subresource (null for the object itself).
 *
 * <p>Paths are Kubernetes': {@code /api/v1/namespaces/{ns}/pods/{name}/status},
 * {@code /apis/apps/v1/deployments}, {@code /api/v1/nodes/{name}}, {@code /api/v1/namespaces/{name}/finalize}.
 */
public record RequestTarget(ResourceDefinition definition, String namespace, String name, String subresource) {

    public boolean isCollection() {
        return name == null;
    }

    public static RequestTarget parse(ResourceRegistry registry, String path) {
        ApiPath api = ApiPath.of(path).orElseThrow(RequestTarget::notServed);
        String group = api.group();
        String version = api.version();
        List<String> rest = api.rest();
        // namespaces/{ns}/{resource}... is a namespaced resource; namespaces/{name}[/status|/finalize] is a Namespace.
        if (rest.size() >= 3 && rest.get(0).equals("namespaces")) {
            var namespacedKind = registry.find(group, version, rest.get(2)).filter(ResourceDefinition::namespaced);
            if (namespacedKind.isPresent()) {
                return of(namespacedKind.get(), rest.get(1), rest.subList(3, rest.size()));
            }
            if (rest.size() > 3) {
                throw notServed();
            }
            // namespaces/{name}/{status|finalize}: a subresource of the Namespace itself, handled below.
        }
        ResourceDefinition definition = registry.find(group, version, rest.get(0)).orElseThrow(RequestTarget::notServed);
        return of(definition, null, rest.subList(1, rest.size()));
    }

    private static RequestTarget of(ResourceDefinition definition, String namespace, List<String> rest) {
        if (rest.size() > 2) {
            throw notServed();
        }
        String name = rest.isEmpty() ? null : rest.get(0);
        String subresource = rest.size() == 2 ? rest.get(1) : null;
        if (name != null) {
            checkPathSegment("name", name);
        }
        if (namespace != null) {
            checkPathSegment("namespace", namespace);
        }
        return new RequestTarget(definition, namespace, name, subresource);
    }

    /** Names in paths become etcd key segments: refuse anything that could step outside its own key. */
    private static void checkPathSegment(String what, String value) {
        if (value.equals(".") || value.equals("..") || value.contains("%") || value.contains("\\")) {
            throw ApiException.badRequest(what + " may not be '.' or '..' or contain '%' or '\\': " + value);
        }
    }

    private static ApiException notServed() {
        return ApiException.notFound("the server could not find the requested resource");
    }
}
