package io.j8s.apiserver.openapi;

import static org.assertj.core.api.Assertions.assertThat;

import io.j8s.apiserver.registry.ResourceRegistry;
import io.swagger.v3.core.util.Json;
import io.swagger.v3.core.util.Json31;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.Paths;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.parameters.Parameter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class KubernetesOpenApiCustomizerTest {

    private OpenAPI openApi;

    @BeforeEach
    void customise() {
        openApi = new OpenAPI();
        Paths guessed = new Paths();
        // what springdoc may infer from the generic router functions: must be replaced
        guessed.addPathItem("/api/{v}/{*rest}", new PathItem().get(new Operation().operationId("guess")));
        guessed.addPathItem("/actuator/health", new PathItem().get(new Operation().operationId("health")));
        openApi.setPaths(guessed);
        new KubernetesOpenApiCustomizer(new ResourceRegistry()).customise(openApi);
    }

    private PathItem path(String p) {
        PathItem item = openApi.getPaths().get(p);
        assertThat(item).as("path %s", p).isNotNull();
        return item;
    }

    private static List<String> names(List<Parameter> params) {
        List<String> out = new ArrayList<>();
        if (params != null) {
            params.forEach(p -> out.add(p.getName()));
        }
        return out;
    }

    @Test
    void pods() {
        PathItem collection = path("/api/v1/namespaces/{namespace}/pods");
        assertThat(collection.getGet().getOperationId()).isEqualTo("listCoreV1NamespacedPod");
        assertThat(collection.getPost().getOperationId()).isEqualTo("createCoreV1NamespacedPod");
        assertThat(collection.getDelete().getOperationId()).isEqualTo("deleteCoreV1CollectionNamespacedPod");
        assertThat(names(collection.getParameters())).containsExactly("namespace");
        assertThat(collection.getGet().getTags()).containsExactly("core_v1");
        assertThat(names(collection.getGet().getParameters())).containsExactly("labelSelector", "fieldSelector",
            "limit", "continue", "watch", "resourceVersion", "allowWatchBookmarks", "timeoutSeconds");
        assertThat(names(collection.getPost().getParameters()))
            .containsExactly("dryRun", "fieldManager", "fieldValidation");
        assertThat(collection.getPost().getResponses().keySet())
            .contains("200", "201", "400", "404", "409", "422");

        Content create = collection.getPost().getRequestBody().getContent();
        assertThat(create.keySet()).containsExactly("application/json", "application/yaml");
        assertThat(create.get("application/json").getSchema().get$ref())
            .isEqualTo("#/components/schemas/io.k8s.api.core.v1.Pod");
        @SuppressWarnings("unchecked")
        Map<String, Object> example = (Map<String, Object>) create.get("application/json").getExample();
        assertThat(example).containsEntry("apiVersion", "v1").containsEntry("kind", "Pod");
        assertThat(example).containsKey("spec");
        assertThat((String) create.get("application/yaml").getExample()).contains("kind: Pod")
            .doesNotStartWith("---");

        PathItem item = path("/api/v1/namespaces/{namespace}/pods/{name}");
        assertThat(names(item.getParameters())).containsExactly("name", "namespace");
        assertThat(item.getGet().getOperationId()).isEqualTo("readCoreV1NamespacedPod");
        assertThat(item.getPut().getOperationId()).isEqualTo("replaceCoreV1NamespacedPod");
        assertThat(item.getPatch().getOperationId()).isEqualTo("patchCoreV1NamespacedPod");
        assertThat(item.getDelete().getOperationId()).isEqualTo("deleteCoreV1NamespacedPod");
        assertThat(item.getPatch().getRequestBody().getContent().keySet()).containsExactly(
            "application/merge-patch+json", "application/json-patch+json", "application/strategic-merge-patch+json");
        assertThat(names(item.getDelete().getParameters()))
            .contains("gracePeriodSeconds", "propagationPolicy", "dryRun");

        assertThat(path("/api/v1/pods").getGet().getOperationId()).isEqualTo("listCoreV1PodForAllNamespaces");
        assertThat(path("/api/v1/namespaces/{namespace}/pods/{name}/status").getGet().getOperationId())
            .isEqualTo("readCoreV1NamespacedPodStatus");
        assertThat(path("/api/v1/namespaces/{namespace}/pods/{name}/status").getPatch().getOperationId())
            .isEqualTo("patchCoreV1NamespacedPodStatus");
        assertThat(path("/api/v1/namespaces/{namespace}/pods/{name}/binding").getPost().getOperationId())
            .isEqualTo("createCoreV1NamespacedPodBinding");
        // Logs are documented only once the node agent serves them.
        assertThat(openApi.getPaths()).doesNotContainKey("/api/v1/namespaces/{namespace}/pods/{name}/log");
    }

    @Test
    void deployments() {
        PathItem collection = path("/apis/apps/v1/namespaces/{namespace}/deployments");
        assertThat(collection.getPost().getOperationId()).isEqualTo("createAppsV1NamespacedDeployment");
        assertThat(collection.getGet().getOperationId()).isEqualTo("listAppsV1NamespacedDeployment");
        assertThat(collection.getGet().getTags()).containsExactly("apps_v1");
        assertThat(path("/apis/apps/v1/deployments").getGet().getOperationId())
            .isEqualTo("listAppsV1DeploymentForAllNamespaces");
        assertThat(path("/apis/apps/v1/namespaces/{namespace}/deployments/{name}").getPut().getOperationId())
            .isEqualTo("replaceAppsV1NamespacedDeployment");
        PathItem scale = path("/apis/apps/v1/namespaces/{namespace}/deployments/{name}/scale");
        assertThat(scale.getGet().getOperationId()).isEqualTo("readAppsV1NamespacedDeploymentScale");
        assertThat(scale.getPut().getOperationId()).isEqualTo("replaceAppsV1NamespacedDeploymentScale");
        assertThat(scale.getPatch().getOperationId()).isEqualTo("patchAppsV1NamespacedDeploymentScale");
        assertThat(scale.getGet().getResponses().get("200").getContent().get("application/json").getSchema().get$ref())
            .isEqualTo("#/components/schemas/io.k8s.api.autoscaling.v1.Scale");
        assertThat(path("/apis/apps/v1/namespaces/{namespace}/deployments/{name}/status").getGet().getOperationId())
            .isEqualTo("readAppsV1NamespacedDeploymentStatus");
        assertThat(path("/apis/apps/v1/namespaces/{namespace}/replicasets/{name}/scale").getGet().getOperationId())
            .isEqualTo("readAppsV1NamespacedReplicaSetScale");
        @SuppressWarnings("unchecked")
        Map<String, Object> example = (Map<String, Object>) collection.getPost().getRequestBody().getContent()
            .get("application/json").getExample();
        assertThat(example).containsEntry("apiVersion", "apps/v1").containsEntry("kind", "Deployment");
    }

    @Test
    void nodesAreClusterScoped() {
        PathItem collection = path("/api/v1/nodes");
        assertThat(collection.getGet().getOperationId()).isEqualTo("listCoreV1Node");
        assertThat(collection.getPost().getOperationId()).isEqualTo("createCoreV1Node");
        assertThat(collection.getDelete().getOperationId()).isEqualTo("deleteCoreV1CollectionNode");
        assertThat(names(collection.getParameters())).isEmpty();
        PathItem item = path("/api/v1/nodes/{name}");
        assertThat(item.getGet().getOperationId()).isEqualTo("readCoreV1Node");
        assertThat(names(item.getParameters())).containsExactly("name");
        assertThat(path("/api/v1/nodes/{name}/status").getPut().getOperationId()).isEqualTo("replaceCoreV1NodeStatus");
        assertThat(openApi.getPaths().keySet()).noneMatch(p -> p.contains("namespaces/{namespace}/nodes"));
        assertThat(path("/api/v1/namespaces").getGet().getOperationId()).isEqualTo("listCoreV1Namespace");
    }

    @Test
    void leases() {
        PathItem collection = path("/apis/coordination.k8s.io/v1/namespaces/{namespace}/leases");
        assertThat(collection.getGet().getOperationId()).isEqualTo("listCoordinationV1NamespacedLease");
        assertThat(collection.getPost().getOperationId()).isEqualTo("createCoordinationV1NamespacedLease");
        assertThat(collection.getGet().getTags()).containsExactly("coordination_v1");
        assertThat(path("/apis/coordination.k8s.io/v1/namespaces/{namespace}/leases/{name}").getPatch()
            .getOperationId()).isEqualTo("patchCoordinationV1NamespacedLease");
        assertThat(path("/apis/coordination.k8s.io/v1/leases").getGet().getOperationId())
            .isEqualTo("listCoordinationV1LeaseForAllNamespaces");
        assertThat(openApi.getPaths()).doesNotContainKey(
            "/apis/coordination.k8s.io/v1/namespaces/{namespace}/leases/{name}/status");
        assertThat(openApi.getComponents().getSchemas()).containsKey("io.k8s.api.coordination.v1.Lease");
    }

    @Test
    void discoveryAndVersion() {
        assertThat(path("/version").getGet().getOperationId()).isEqualTo("getCodeVersion");
        assertThat(path("/api").getGet().getOperationId()).isEqualTo("getCoreAPIVersions");
        assertThat(path("/api/v1").getGet().getOperationId()).isEqualTo("getCoreV1APIResources");
        assertThat(path("/apis").getGet().getOperationId()).isEqualTo("getAPIVersions");
        assertThat(path("/apis/apps").getGet().getOperationId()).isEqualTo("getAppsAPIGroup");
        assertThat(path("/apis/apps/v1").getGet().getOperationId()).isEqualTo("getAppsV1APIResources");
        assertThat(path("/apis/coordination.k8s.io/v1").getGet().getOperationId())
            .isEqualTo("getCoordinationV1APIResources");
        assertThat(openApi.getPaths()).doesNotContainKey("/openapi/v2").doesNotContainKey("/openapi/v3");
    }

    @Test
    void replacesGuessedRoutesAndKeepsOthers() {
        assertThat(openApi.getPaths()).doesNotContainKey("/api/{v}/{*rest}");
        assertThat(openApi.getPaths()).containsKey("/actuator/health");
    }

    @Test
    void operationIdsAreUniqueAndTagged() {
        Set<String> ids = new HashSet<>();
        openApi.getPaths().forEach((p, item) -> item.readOperations().forEach(op -> {
            assertThat(ids.add(op.getOperationId())).as("duplicate %s", op.getOperationId()).isTrue();
            if (KubernetesOpenApiCustomizer.isKubernetesPath(p)) {
                assertThat(op.getTags()).as("tags of %s", op.getOperationId()).isNotEmpty();
            }
        }));
        assertThat(openApi.getTags()).extracting(t -> t.getName())
            .contains("core_v1", "apps_v1", "coordination_v1", "discovery", "version");
    }

    @Test
    void schemasAreNamedByKindAndServerIsRelative() {
        assertThat(openApi.getComponents().getSchemas()).containsKeys(
            "io.k8s.api.core.v1.Pod", "io.k8s.api.core.v1.PodList", "io.k8s.api.core.v1.Node",
            "io.k8s.api.apps.v1.Deployment", "io.k8s.api.apps.v1.ReplicaSet", "io.k8s.api.core.v1.Service",
            "io.k8s.api.core.v1.Endpoints", "io.k8s.api.core.v1.Event", "io.k8s.api.core.v1.Namespace",
            "io.k8s.api.autoscaling.v1.Scale", "io.k8s.api.core.v1.Binding",
            "io.k8s.apimachinery.pkg.apis.meta.v1.Status", "io.k8s.apimachinery.pkg.apis.meta.v1.DeleteOptions");
        assertThat(openApi.getServers()).hasSize(1);
        assertThat(openApi.getServers().get(0).getUrl()).isEqualTo("/");
    }

    @Test
    void everyReferencedSchemaExistsAndSerializes() {
        String json30 = Json.pretty(openApi);
        String json31 = Json31.pretty(openApi);
        for (String json : List.of(json30, json31)) {
            java.util.regex.Matcher m = java.util.regex.Pattern
                .compile("\"\\$ref\" : \"#/components/schemas/([^\"]+)\"").matcher(json);
            while (m.find()) {
                assertThat(openApi.getComponents().getSchemas()).containsKey(m.group(1));
            }
            assertThat(json).contains("\"type\" : \"object\"");
            assertThat(json).contains("\"operationId\" : \"listCoreV1NamespacedPod\"");
        }
    }
}
