package io.j8s.apiserver.openapi.v3;

import static org.assertj.core.api.Assertions.assertThat;

import io.j8s.apiserver.patch.PatchMeta;
import io.j8s.apiserver.patch.StrategicMergePatch;
import io.j8s.apiserver.registry.ResourceDefinition;
import io.j8s.apiserver.registry.ResourceRegistry;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/** Strategic merge patches as kubectl sends them, on real kinds, and unknown fields found by the upstream schemas. */
class ObjectSchemasTest {

    private static final YAMLMapper YAML = YAMLMapper.builder().build();
    private static final ResourceRegistry REGISTRY = new ResourceRegistry();
    private static final ObjectSchemas SCHEMAS = new ObjectSchemas(KubernetesSchemasTest.SCHEMAS);

    private static final String DEPLOYMENT = """
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: web, finalizers: [a, b]}
        spec:
          replicas: 2
          strategy: {type: RollingUpdate, rollingUpdate: {maxSurge: 25%, maxUnavailable: 25%}}
          template:
            spec:
              tolerations: [{key: a, operator: Exists}]
              containers:
              - name: web
                image: busybox:1.36
                terminationMessagePath: /dev/termination-log
                ports: [{containerPort: 8080, protocol: TCP}]
                env: [{name: A, value: "1"}, {name: B, value: "2"}]
              - name: sidecar
                image: busybox:1.36
        """;

    @Test
    void kubectlApplyChangesOneContainerAndKeepsWhatTheServerFilledIn() {
        ObjectNode result = patch("deployments", DEPLOYMENT, """
            spec:
              template:
                spec:
                  $setElementOrder/containers: [{name: web}, {name: sidecar}]
                  containers:
                  - name: web
                    image: busybox:1.37
                    $setElementOrder/env: [{name: A}, {name: C}]
                    env: [{name: C, value: "3"}, {$patch: delete, name: B}]
                    ports: [{containerPort: 9090}]
            """);
        ObjectNode web = (ObjectNode) result.at("/spec/template/spec/containers/0");
        assertThat(web.path("image").asString()).isEqualTo("busybox:1.37");
        assertThat(web.path("terminationMessagePath").asString()).isEqualTo("/dev/termination-log");
        assertThat(web.path("env").toString()).isEqualTo("[{\"name\":\"A\",\"value\":\"1\"},{\"name\":\"C\",\"value\":\"3\"}]");
        assertThat(web.path("ports").toString())
            .isEqualTo("[{\"containerPort\":9090},{\"containerPort\":8080,\"protocol\":\"TCP\"}]");
        assertThat(result.at("/spec/template/spec/containers/1/name").asString()).isEqualTo("sidecar");
        assertThat(result.at("/spec/template/spec/containers").size()).isEqualTo(2);
    }

    @Test
    void retainKeysDropsTheRollingUpdateParametersWhenSwitchingToRecreate() {
        ObjectNode result = patch("deployments", DEPLOYMENT,
            "spec: {strategy: {$retainKeys: [type], type: Recreate, rollingUpdate: null}}");
        assertThat(result.at("/spec/strategy").toString()).isEqualTo("{\"type\":\"Recreate\"}");
    }

    @Test
    void listsWithoutAStrategyAreReplacedAndPrimitiveListsMergeAsSets() {
        ObjectNode result = patch("deployments", DEPLOYMENT, """
            metadata: {finalizers: [c], $deleteFromPrimitiveList/finalizers: [a]}
            spec: {template: {spec: {tolerations: [{key: b, operator: Exists}]}}}
            """);
        assertThat(result.at("/metadata/finalizers").toString()).isEqualTo("[\"c\",\"b\"]");
        assertThat(result.at("/spec/template/spec/tolerations").toString())
            .isEqualTo("[{\"key\":\"b\",\"operator\":\"Exists\"}]");
    }

    @Test
    void rolloutRestartAndCordonPatchesApply() {
        ObjectNode restarted = patch("deployments", DEPLOYMENT, """
            spec: {template: {metadata: {annotations: {kubectl.kubernetes.io/restartedAt: "2026-01-01T00:00:00Z"}}}}
            """);
        assertThat(restarted.at("/spec/template/metadata/annotations").toString()).contains("restartedAt");
        assertThat(restarted.at("/spec/template/spec/containers").size()).isEqualTo(2);
        ObjectNode node = patch("nodes", "{apiVersion: v1, kind: Node, metadata: {name: n1}}",
            "{spec: {unschedulable: true}}");
        assertThat(node.at("/spec/unschedulable").asBoolean()).isTrue();
    }

    @Test
    void unknownFieldsAreNamedByTheirPathsAndKnownOnesPass() {
        ResourceDefinition deployments = REGISTRY.find("apps", "v1", "deployments").orElseThrow();
        assertThat(SCHEMAS.unknownFields(deployments, yaml(DEPLOYMENT))).isEmpty();
        ObjectNode bad = yaml(DEPLOYMENT);
        ((ObjectNode) bad.get("spec")).put("replica", 3);
        ((ObjectNode) bad.at("/spec/template/spec/containers/1")).put("imagePolicy", "x");
        ((ObjectNode) bad.at("/metadata")).putObject("labels").put("any.key/is-fine", "yes");
        assertThat(SCHEMAS.unknownFields(deployments, bad))
            .containsExactlyInAnyOrder("spec.replica", "spec.template.spec.containers[1].imagePolicy");
    }

    private static ObjectNode patch(String plural, String object, String patch) {
        ResourceDefinition def = REGISTRY.all().stream().filter(d -> d.plural().equals(plural)).findFirst().orElseThrow();
        PatchMeta meta = SCHEMAS.patchMeta(def);
        return StrategicMergePatch.apply(yaml(object), yaml(patch), meta);
    }

    private static ObjectNode yaml(String text) {
        return (ObjectNode) YAML.readTree(text);
    }
}
