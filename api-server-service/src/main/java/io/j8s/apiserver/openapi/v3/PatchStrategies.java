package io.j8s.apiserver.openapi.v3;

import java.util.Map;

/**
 * The strategic-merge-patch tags Kubernetes declares on its Go types ({@code patchStrategy}, {@code patchMergeKey}
 * in {@code k8s.io/api}), which the upstream OpenAPI carries as {@code x-kubernetes-patch-strategy} and
 * {@code x-kubernetes-patch-merge-key}. The model classes j8s reads its schemas from do not keep them, so they are
 * listed here for the kinds j8s serves: a list without an entry is replaced as a whole by a patch.
 */
final class PatchStrategies {

    /** How a patch treats one field: {@code merge}, {@code retainKeys} or both, and the key list items merge by. */
    record Tag(String strategy, String mergeKey) {
    }

    private static final String CORE = "io.k8s.api.core.v1.";
    private static final String APPS = "io.k8s.api.apps.v1.";
    private static final String META = "io.k8s.apimachinery.pkg.apis.meta.v1.";

    /** {@code <schema name>.<field>} to its tag. */
    private static final Map<String, Tag> TAGS = Map.ofEntries(
        Map.entry(CORE + "PodSpec.containers", new Tag("merge", "name")),
        Map.entry(CORE + "PodSpec.initContainers", new Tag("merge", "name")),
        Map.entry(CORE + "PodSpec.ephemeralContainers", new Tag("merge", "name")),
        Map.entry(CORE + "PodSpec.volumes", new Tag("merge,retainKeys", "name")),
        Map.entry(CORE + "PodSpec.imagePullSecrets", new Tag("merge", "name")),
        Map.entry(CORE + "PodSpec.hostAliases", new Tag("merge", "ip")),
        Map.entry(CORE + "PodSpec.topologySpreadConstraints", new Tag("merge", "topologyKey")),
        Map.entry(CORE + "PodSpec.resourceClaims", new Tag("merge,retainKeys", "name")),
        Map.entry(CORE + "PodSpec.schedulingGates", new Tag("merge", "name")),
        Map.entry(CORE + "Container.ports", new Tag("merge", "containerPort")),
        Map.entry(CORE + "Container.env", new Tag("merge", "name")),
        Map.entry(CORE + "Container.volumeMounts", new Tag("merge", "mountPath")),
        Map.entry(CORE + "Container.volumeDevices", new Tag("merge", "devicePath")),
        Map.entry(CORE + "EphemeralContainer.ports", new Tag("merge", "containerPort")),
        Map.entry(CORE + "EphemeralContainer.env", new Tag("merge", "name")),
        Map.entry(CORE + "EphemeralContainer.volumeMounts", new Tag("merge", "mountPath")),
        Map.entry(CORE + "EphemeralContainer.volumeDevices", new Tag("merge", "devicePath")),
        Map.entry(CORE + "PodStatus.conditions", new Tag("merge", "type")),
        Map.entry(CORE + "PodStatus.podIPs", new Tag("merge", "ip")),
        Map.entry(CORE + "PodStatus.hostIPs", new Tag("merge", "ip")),
        Map.entry(CORE + "PodStatus.resourceClaimStatuses", new Tag("merge,retainKeys", "name")),
        Map.entry(CORE + "ServiceSpec.ports", new Tag("merge", "port")),
        Map.entry(CORE + "ServiceStatus.conditions", new Tag("merge", "type")),
        Map.entry(CORE + "NodeSpec.podCIDRs", new Tag("merge", "")),
        Map.entry(CORE + "NodeStatus.conditions", new Tag("merge", "type")),
        Map.entry(CORE + "NodeStatus.addresses", new Tag("merge", "type")),
        Map.entry(CORE + "NamespaceStatus.conditions", new Tag("merge", "type")),
        Map.entry(APPS + "DeploymentSpec.strategy", new Tag("retainKeys", "")),
        Map.entry(APPS + "DeploymentStatus.conditions", new Tag("merge", "type")),
        Map.entry(APPS + "ReplicaSetStatus.conditions", new Tag("merge", "type")),
        Map.entry(META + "ObjectMeta.finalizers", new Tag("merge", "")),
        Map.entry(META + "ObjectMeta.ownerReferences", new Tag("merge", "uid")));

    private PatchStrategies() {
    }

    static Tag of(String schemaName, String field) {
        return TAGS.get(schemaName + "." + field);
    }
}
