package io.j8s.apiserver.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kubernetes.client.proto.IntStr;
import io.kubernetes.client.proto.Meta;
import io.kubernetes.client.proto.Runtime;
import io.kubernetes.client.proto.V1;
import io.kubernetes.client.proto.V1Apps;
import io.kubernetes.client.proto.V1Authorization;
import io.kubernetes.client.proto.V1Rbac;
import java.io.ByteArrayOutputStream;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

/** Bodies encoded as Go's protobuf marshalling encodes what kubectl creates, decoded into the JSON kube-apiserver reads. */
class KubernetesProtobufTest {

    @Test
    void aDeploymentAsKubectlCreateSendsIt() throws Exception {
        V1Apps.Deployment deployment = V1Apps.Deployment.newBuilder()
            .setMetadata(Meta.ObjectMeta.newBuilder().setName("web").setGenerateName("").setNamespace("")
                .putLabels("app", "web").setCreationTimestamp(Meta.Time.newBuilder()))
            .setSpec(V1Apps.DeploymentSpec.newBuilder().setReplicas(0).setMinReadySeconds(0).setPaused(false)
                .setSelector(Meta.LabelSelector.newBuilder().putMatchLabels("app", "web"))
                .setTemplate(V1.PodTemplateSpec.newBuilder()
                    .setSpec(V1.PodSpec.newBuilder().addContainers(V1.Container.newBuilder().setName("web")
                        .setImage("busybox:1.36").addCommand("httpd").setStdin(false)
                        .addPorts(V1.ContainerPort.newBuilder().setContainerPort(8080))))))
            .build();
        ObjectNode json = KubernetesProtobuf.decode(envelope("apps/v1", "Deployment", deployment.toByteArray()));
        assertThat(json.toString()).isEqualTo("{\"apiVersion\":\"apps/v1\",\"kind\":\"Deployment\","
            + "\"metadata\":{\"name\":\"web\",\"labels\":{\"app\":\"web\"}},"
            + "\"spec\":{\"replicas\":0,\"selector\":{\"matchLabels\":{\"app\":\"web\"}},"
            + "\"template\":{\"spec\":{\"containers\":[{\"name\":\"web\",\"image\":\"busybox:1.36\","
            + "\"command\":[\"httpd\"],\"ports\":[{\"containerPort\":8080}]}]}}}}");
    }

    @Test
    void intOrStringAndTimesReadAsJson() throws Exception {
        V1.Service service = V1.Service.newBuilder()
            .setMetadata(Meta.ObjectMeta.newBuilder().setName("web")
                .setCreationTimestamp(Meta.Time.newBuilder().setSeconds(1_767_225_600L)))
            .setSpec(V1.ServiceSpec.newBuilder()
                .addPorts(V1.ServicePort.newBuilder().setPort(80)
                    .setTargetPort(IntStr.IntOrString.newBuilder().setType(1).setStrVal("http")))
                .addPorts(V1.ServicePort.newBuilder().setPort(81)
                    .setTargetPort(IntStr.IntOrString.newBuilder().setType(0).setIntVal(8081))))
            .build();
        ObjectNode json = KubernetesProtobuf.decode(envelope("v1", "Service", service.toByteArray()));
        assertThat(json.at("/metadata/creationTimestamp").asString()).isEqualTo("2026-01-01T00:00:00Z");
        assertThat(json.at("/spec/ports/0/targetPort").asString()).isEqualTo("http");
        assertThat(json.at("/spec/ports/1/targetPort").asInt()).isEqualTo(8081);
    }

    @Test
    void theSelfSubjectAccessReviewKubectlAuthCanISends() throws Exception {
        V1Authorization.SelfSubjectAccessReview review = V1Authorization.SelfSubjectAccessReview.newBuilder()
            .setMetadata(Meta.ObjectMeta.newBuilder())
            .setSpec(V1Authorization.SelfSubjectAccessReviewSpec.newBuilder()
                .setResourceAttributes(V1Authorization.ResourceAttributes.newBuilder()
                    .setNamespace("default").setVerb("list").setResource("pods")))
            .build();
        ObjectNode json = KubernetesProtobuf.decode(
            envelope("authorization.k8s.io/v1", "SelfSubjectAccessReview", review.toByteArray()));
        assertThat(json.path("kind").asString()).isEqualTo("SelfSubjectAccessReview");
        assertThat(json.at("/spec/resourceAttributes").toString())
            .isEqualTo("{\"namespace\":\"default\",\"verb\":\"list\",\"resource\":\"pods\"}");
    }

    @Test
    void aRoleBindingAsKubectlCreateRolebindingSendsIt() throws Exception {
        V1Rbac.RoleBinding binding = V1Rbac.RoleBinding.newBuilder()
            .setMetadata(Meta.ObjectMeta.newBuilder().setName("jane-edit").setNamespace("team-a")
                .putLabels("team", "a"))
            .addSubjects(V1Rbac.Subject.newBuilder().setKind("User").setApiGroup("rbac.authorization.k8s.io")
                .setName("jane"))
            .setRoleRef(V1Rbac.RoleRef.newBuilder().setApiGroup("rbac.authorization.k8s.io").setKind("ClusterRole")
                .setName("edit"))
            .build();
        ObjectNode json = KubernetesProtobuf.decode(
            envelope("rbac.authorization.k8s.io/v1", "RoleBinding", binding.toByteArray()));
        assertThat(json.path("metadata").toString())
            .isEqualTo("{\"name\":\"jane-edit\",\"namespace\":\"team-a\",\"labels\":{\"team\":\"a\"}}");
        assertThat(json.at("/subjects/0/name").asString()).isEqualTo("jane");
        assertThat(json.at("/roleRef/name").asString()).isEqualTo("edit");
    }

    @Test
    void kindsWithoutADescriptorAre415AndTruncatedBodies400() throws Exception {
        assertThatThrownBy(() -> KubernetesProtobuf.decode(envelope("batch/v1", "Job", new byte[0])))
            .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.code()).isEqualTo(415));
        byte[] body = envelope("v1", "Namespace", V1.Namespace.newBuilder()
            .setMetadata(Meta.ObjectMeta.newBuilder().setName("x")).build().toByteArray());
        byte[] cut = java.util.Arrays.copyOf(body, body.length - 3);
        assertThatThrownBy(() -> KubernetesProtobuf.decode(cut))
            .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.code()).isEqualTo(400));
    }

    @Test
    void bodiesWithoutTheMagicNumberAre400() {
        assertThatThrownBy(() -> KubernetesProtobuf.decode("{}".getBytes()))
            .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.code()).isEqualTo(400));
    }

    private static byte[] envelope(String apiVersion, String kind, byte[] raw) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(new byte[] {0x6b, 0x38, 0x73, 0x00});
        Runtime.Unknown.newBuilder()
            .setTypeMeta(Runtime.TypeMeta.newBuilder().setApiVersion(apiVersion).setKind(kind))
            .setRaw(com.google.protobuf.ByteString.copyFrom(raw))
            .build().writeTo(out);
        return out.toByteArray();
    }
}
