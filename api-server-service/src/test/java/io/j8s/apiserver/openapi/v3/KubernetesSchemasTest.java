package io.j8s.apiserver.openapi.v3;

import static org.assertj.core.api.Assertions.assertThat;

import io.j8s.apiserver.registry.ResourceRegistry;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class KubernetesSchemasTest {

    static final KubernetesSchemas SCHEMAS = new KubernetesSchemas(new ResourceRegistry());

    @Test
    void containersCarryUpstreamDescriptionsRequiredFieldsAndPatchTags() {
        JsonNode podSpec = SCHEMAS.schema("io.k8s.api.core.v1.PodSpec").orElseThrow();
        JsonNode containers = podSpec.path("properties").path("containers");
        assertThat(containers.path("description").asString()).startsWith("List of containers belonging to the pod.");
        assertThat(containers.path("x-kubernetes-patch-merge-key").asString()).isEqualTo("name");
        assertThat(containers.path("x-kubernetes-patch-strategy").asString()).isEqualTo("merge");
        assertThat(KubernetesSchemas.refOf(containers.path("items"))).isEqualTo("io.k8s.api.core.v1.Container");
        assertThat(podSpec.path("required").toString()).contains("containers");

        JsonNode container = SCHEMAS.schema("io.k8s.api.core.v1.Container").orElseThrow();
        assertThat(container.path("required").toString()).isEqualTo("[\"name\"]");
        assertThat(container.path("properties").path("ports").path("x-kubernetes-patch-merge-key").asString())
            .isEqualTo("containerPort");
        assertThat(container.path("properties").path("imagePullPolicy").path("description").asString())
            .startsWith("Image pull policy. One of Always, Never, IfNotPresent.");
    }

    @Test
    void kindsAreFoundByGroupVersionKindUnderKubernetesNames() {
        assertThat(SCHEMAS.nameOf("apps", "v1", "Deployment")).contains("io.k8s.api.apps.v1.Deployment");
        assertThat(SCHEMAS.nameOf("", "v1", "Event")).contains("io.k8s.api.core.v1.Event");
        assertThat(SCHEMAS.nameOf("coordination.k8s.io", "v1", "LeaseList")).contains("io.k8s.api.coordination.v1.LeaseList");
        assertThat(SCHEMAS.nameOf("autoscaling", "v1", "Scale")).contains("io.k8s.api.autoscaling.v1.Scale");
        JsonNode deployment = SCHEMAS.schema("io.k8s.api.apps.v1.Deployment").orElseThrow();
        assertThat(deployment.path("x-kubernetes-group-version-kind").toString())
            .isEqualTo("[{\"group\":\"apps\",\"kind\":\"Deployment\",\"version\":\"v1\"}]");
        assertThat(KubernetesSchemas.refOf(deployment.path("properties").path("metadata")))
            .isEqualTo("io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta");
    }

    @Test
    void scalarsAreTypedAsUpstream() {
        JsonNode meta = SCHEMAS.schema("io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta").orElseThrow();
        assertThat(meta.path("properties").path("labels").path("additionalProperties").path("type").asString())
            .isEqualTo("string");
        assertThat(meta.path("properties").path("creationTimestamp").path("format").asString()).isEqualTo("date-time");
        assertThat(meta.path("properties").path("generation").path("format").asString()).isEqualTo("int64");
        JsonNode port = SCHEMAS.schema("io.k8s.api.core.v1.ServicePort").orElseThrow();
        assertThat(KubernetesSchemas.refOf(port.path("properties").path("targetPort")))
            .isEqualTo("io.k8s.apimachinery.pkg.util.intstr.IntOrString");
    }
}
