package io.j8s.apiserver.discovery;

import io.j8s.apiserver.registry.ResourceDefinition;
import io.j8s.apiserver.registry.ResourceRegistry;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * Builds the discovery documents kube-apiserver serves, from the {@link ResourceRegistry}: the legacy
 * ones ({@code APIVersions}, {@code APIGroupList}, {@code APIGroup}, {@code APIResourceList}, shaped as
 * in {@code k8s.io/apimachinery/pkg/apis/meta/v1/types.go}) and the aggregated
 * {@code apidiscovery.k8s.io/v2} {@code APIGroupDiscoveryList} (shaped as in
 * {@code k8s.io/api/apidiscovery/v2/types.go}). Documents are ordered maps so the JSON keeps
 * Kubernetes' field order.
 */
@Component
public class DiscoveryDocuments {

    public static final String AGGREGATED_API_VERSION = "apidiscovery.k8s.io/v2";

    /** Verbs of a {@code /status} and a {@code /scale} subresource. */
    static final List<String> GET_PATCH_UPDATE = List.of("get", "patch", "update");

    private final ResourceRegistry registry;

    public DiscoveryDocuments(ResourceRegistry registry) {
        this.registry = registry;
    }

    /** One subresource as both discovery formats describe it. */
    public record Subresource(String name, String group, String version, String kind, List<String> verbs) {
    }

    /**
     * The subresources of a kind: {@code status} for kinds with status, {@code scale} (autoscaling/v1
     * Scale) for scalable kinds, and {@code binding}, {@code exec} and {@code log} for pods; sorted by name as
     * kube-apiserver sorts them.
     */
    public static List<Subresource> subresources(ResourceDefinition d) {
        List<Subresource> result = new ArrayList<>();
        if (d.group().isEmpty() && d.plural().equals("pods")) {
            result.add(new Subresource("binding", "", "v1", "Binding", List.of("create")));
            result.add(new Subresource("exec", "", "v1", "PodExecOptions", List.of("create", "get")));
            result.add(new Subresource("log", "", "v1", "Pod", List.of("get")));
        }
        if (d.hasScale()) {
            result.add(new Subresource("scale", "autoscaling", "v1", "Scale", GET_PATCH_UPDATE));
        }
        if (d.hasStatus()) {
            result.add(new Subresource("status", d.group(), d.version(), d.kind(), GET_PATCH_UPDATE));
        }
        result.sort(Comparator.comparing(Subresource::name));
        return result;
    }

    /** Named groups served under {@code /apis}, in registry order, each with its versions in registry order. */
    public Map<String, List<String>> namedGroups() {
        Map<String, List<String>> groups = new LinkedHashMap<>();
        for (ResourceDefinition d : registry.all()) {
            if (d.group().isEmpty()) {
                continue;
            }
            List<String> versions = groups.computeIfAbsent(d.group(), g -> new ArrayList<>());
            if (!versions.contains(d.version())) {
                versions.add(d.version());
            }
        }
        return groups;
    }

    /** Versions of the core group served under {@code /api}. */
    public List<String> coreVersions() {
        Set<String> versions = new LinkedHashSet<>();
        for (ResourceDefinition d : registry.all()) {
            if (d.group().isEmpty()) {
                versions.add(d.version());
            }
        }
        return List.copyOf(versions);
    }

    public boolean serves(String group, String version) {
        return !registry.inGroupVersion(group, version).isEmpty();
    }

    // ----- legacy discovery -------------------------------------------------------------------

    /** {@code GET /api}. */
    public Map<String, Object> apiVersions(String serverAddress) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("kind", "APIVersions");
        doc.put("versions", coreVersions());
        doc.put("serverAddressByClientCIDRs", List.of(serverAddress(serverAddress)));
        return doc;
    }

    /** {@code GET /apis}. */
    public Map<String, Object> apiGroupList() {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("kind", "APIGroupList");
        doc.put("apiVersion", "v1");
        List<Object> groups = new ArrayList<>();
        namedGroups().forEach((name, versions) -> groups.add(groupBody(name, versions)));
        doc.put("groups", groups);
        return doc;
    }

    /** {@code GET /apis/{group}}, empty when the group is not served. */
    public Optional<Map<String, Object>> apiGroup(String group) {
        List<String> versions = namedGroups().get(group);
        if (versions == null) {
            return Optional.empty();
        }
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("kind", "APIGroup");
        doc.put("apiVersion", "v1");
        doc.putAll(groupBody(group, versions));
        return Optional.of(doc);
    }

    private static Map<String, Object> groupBody(String name, List<String> versions) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", name);
        List<Object> list = versions.stream().<Object>map(v -> groupVersionForDiscovery(name, v)).toList();
        body.put("versions", list);
        body.put("preferredVersion", groupVersionForDiscovery(name, versions.get(0)));
        return body;
    }

    private static Map<String, Object> groupVersionForDiscovery(String group, String version) {
        Map<String, Object> gv = new LinkedHashMap<>();
        gv.put("groupVersion", group.isEmpty() ? version : group + "/" + version);
        gv.put("version", version);
        return gv;
    }

    /** {@code GET /api/v1} or {@code GET /apis/{group}/{version}}, empty when not served. */
    public Optional<Map<String, Object>> apiResourceList(String group, String version) {
        List<ResourceDefinition> defs = registry.inGroupVersion(group, version);
        if (defs.isEmpty()) {
            return Optional.empty();
        }
        List<Map<String, Object>> resources = new ArrayList<>();
        for (ResourceDefinition d : defs) {
            resources.add(apiResource(d));
            for (Subresource s : subresources(d)) {
                resources.add(apiSubresource(d, s));
            }
        }
        resources.sort(Comparator.comparing(r -> (String) r.get("name")));
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("kind", "APIResourceList");
        doc.put("apiVersion", "v1");
        doc.put("groupVersion", group.isEmpty() ? version : group + "/" + version);
        doc.put("resources", resources);
        return Optional.of(doc);
    }

    private static Map<String, Object> apiResource(ResourceDefinition d) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("name", d.plural());
        r.put("singularName", d.type().singular());
        r.put("namespaced", d.namespaced());
        r.put("kind", d.kind());
        r.put("verbs", d.verbs());
        if (!d.shortNames().isEmpty()) {
            r.put("shortNames", d.shortNames());
        }
        if (!d.categories().isEmpty()) {
            r.put("categories", d.categories());
        }
        return r;
    }

    private static Map<String, Object> apiSubresource(ResourceDefinition d, Subresource s) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("name", d.plural() + "/" + s.name());
        r.put("singularName", "");
        r.put("namespaced", d.namespaced());
        // group and version are set only when they differ from the list's group version (scale)
        if (!s.group().equals(d.group()) || !s.version().equals(d.version())) {
            r.put("group", s.group());
            r.put("version", s.version());
        }
        r.put("kind", s.kind());
        r.put("verbs", s.verbs());
        return r;
    }

    private static Map<String, Object> serverAddress(String address) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("clientCIDR", "0.0.0.0/0");
        m.put("serverAddress", address);
        return m;
    }

    // ----- aggregated discovery (apidiscovery.k8s.io/v2) --------------------------------------

    /** {@code GET /api} as an {@code APIGroupDiscoveryList}: one item, the core group (name ""). */
    public Map<String, Object> aggregatedCore() {
        return groupDiscoveryList(List.of(groupDiscovery("", coreVersions())));
    }

    /** {@code GET /apis} as an {@code APIGroupDiscoveryList}: every named group. */
    public Map<String, Object> aggregatedApis() {
        List<Map<String, Object>> items = new ArrayList<>();
        namedGroups().forEach((name, versions) -> items.add(groupDiscovery(name, versions)));
        return groupDiscoveryList(items);
    }

    private static Map<String, Object> groupDiscoveryList(List<Map<String, Object>> items) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("kind", "APIGroupDiscoveryList");
        doc.put("apiVersion", AGGREGATED_API_VERSION);
        doc.put("metadata", Map.of());
        doc.put("items", items);
        return doc;
    }

    private Map<String, Object> groupDiscovery(String group, List<String> versions) {
        Map<String, Object> item = new LinkedHashMap<>();
        Map<String, Object> metadata = new LinkedHashMap<>();
        if (!group.isEmpty()) {
            metadata.put("name", group);
        }
        item.put("metadata", metadata);
        List<Map<String, Object>> versionList = new ArrayList<>();
        for (String version : versions) {
            Map<String, Object> v = new LinkedHashMap<>();
            v.put("version", version);
            List<Map<String, Object>> resources = new ArrayList<>();
            registry.inGroupVersion(group, version).stream()
                .sorted(Comparator.comparing(ResourceDefinition::plural))
                .forEach(d -> resources.add(resourceDiscovery(d)));
            v.put("resources", resources);
            v.put("freshness", "Current");
            versionList.add(v);
        }
        item.put("versions", versionList);
        return item;
    }

    private static Map<String, Object> resourceDiscovery(ResourceDefinition d) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("resource", d.plural());
        r.put("responseKind", gvk(d.group(), d.version(), d.kind()));
        r.put("scope", d.namespaced() ? "Namespaced" : "Cluster");
        r.put("singularResource", d.type().singular());
        r.put("verbs", d.verbs());
        if (!d.shortNames().isEmpty()) {
            r.put("shortNames", d.shortNames());
        }
        if (!d.categories().isEmpty()) {
            r.put("categories", d.categories());
        }
        List<Map<String, Object>> subs = new ArrayList<>();
        for (Subresource s : subresources(d)) {
            Map<String, Object> sub = new LinkedHashMap<>();
            sub.put("subresource", s.name());
            sub.put("responseKind", gvk(s.group(), s.version(), s.kind()));
            sub.put("verbs", s.verbs());
            subs.add(sub);
        }
        if (!subs.isEmpty()) {
            r.put("subresources", subs);
        }
        return r;
    }

    private static Map<String, Object> gvk(String group, String version, String kind) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("group", group);
        m.put("version", version);
        m.put("kind", kind);
        return m;
    }
}
