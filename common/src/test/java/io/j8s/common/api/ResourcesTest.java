package io.j8s.common.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ResourcesTest {

    @Test
    void corePathsLiveUnderApiV1() {
        assertThat(Resources.PODS.basePath("ns")).isEqualTo("/api/v1/namespaces/ns/pods");
        assertThat(Resources.PODS.basePath(null)).isEqualTo("/api/v1/pods");
        assertThat(Resources.PODS.path("ns", "p")).isEqualTo("/api/v1/namespaces/ns/pods/p");
        assertThat(Resources.PODS.apiVersion()).isEqualTo("v1");
    }

    @Test
    void groupedPathsLiveUnderApis() {
        assertThat(Resources.DEPLOYMENTS.basePath("ns")).isEqualTo("/apis/apps/v1/namespaces/ns/deployments");
        assertThat(Resources.DEPLOYMENTS.apiVersion()).isEqualTo("apps/v1");
        assertThat(Resources.LEASES.path("kube-node-lease", "n1"))
                .isEqualTo("/apis/coordination.k8s.io/v1/namespaces/kube-node-lease/leases/n1");
    }

    @Test
    void clusterScopedKindsIgnoreTheNamespace() {
        assertThat(Resources.NODES.basePath("ns")).isEqualTo("/api/v1/nodes");
        assertThat(Resources.NAMESPACES.path(null, "default")).isEqualTo("/api/v1/namespaces/default");
    }

    @Test
    void namespacedObjectNeedsANamespace() {
        assertThatThrownBy(() -> Resources.PODS.path(null, "p")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void lookupByUrlPartsAndByKind() {
        assertThat(Resources.find("", "v1", "endpoints")).contains(Resources.ENDPOINTS);
        assertThat(Resources.find("apps", "v1", "replicasets")).contains(Resources.REPLICASETS);
        assertThat(Resources.find("", "v1", "replicasets")).isEmpty();
        assertThat(Resources.findByKind("apps/v1", "Deployment")).contains(Resources.DEPLOYMENTS);
        assertThat(Resources.findByKind("coordination.k8s.io/v1", "Lease")).contains(Resources.LEASES);
        assertThat(Resources.find("discovery.k8s.io", "v1", "endpointslices")).contains(Resources.ENDPOINT_SLICES);
        assertThat(Resources.ENDPOINT_SLICES.path("ns", "web-x1"))
                .isEqualTo("/apis/discovery.k8s.io/v1/namespaces/ns/endpointslices/web-x1");
    }

    @Test
    void namesMatchKubernetes() {
        assertThat(Resources.ENDPOINTS.singular()).isEqualTo("endpoints");
        assertThat(Resources.ENDPOINTS.listKind()).isEqualTo("EndpointsList");
        assertThat(Resources.all()).hasSize(14).allSatisfy(t -> {
            assertThat(t.javaType().getSimpleName()).isEqualTo(t.kind());
            assertThat(t.listKind()).isEqualTo(t.kind() + "List");
        });
        assertThat(Resources.all()).filteredOn(t -> !t.namespaced())
                .containsExactlyInAnyOrder(Resources.NODES, Resources.NAMESPACES, Resources.CLUSTERROLES,
                        Resources.CLUSTERROLEBINDINGS);
        assertThat(Resources.findByKind("rbac.authorization.k8s.io/v1", "RoleBinding")).contains(Resources.ROLEBINDINGS);
        // the reviews are answered, never stored: not among the kinds a namespace's deletion empties
        assertThat(Resources.all()).doesNotContain(Resources.SELF_SUBJECT_ACCESS_REVIEWS);
    }
}
