package io.j8s.apiserver.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import com.google.protobuf.CodedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

/** Bodies encoded as client-go encodes them (field numbers of Kubernetes' generated.proto). */
class ProtobufObjectsTest {

    /** A protobuf message written field by field. */
    private static final class Message {
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        private final CodedOutputStream out = CodedOutputStream.newInstance(bytes);

        Message string(int field, String value) throws IOException {
            out.writeString(field, value);
            return this;
        }

        Message message(int field, Message value) throws IOException {
            out.writeBytes(field, ByteString.copyFrom(value.toBytes()));
            return this;
        }

        Message map(int field, String key, String value) throws IOException {
            return message(field, new Message().string(1, key).string(2, value));
        }

        byte[] toBytes() throws IOException {
            out.flush();
            return bytes.toByteArray();
        }
    }

    private static byte[] envelope(String apiVersion, String kind, Message object) throws IOException {
        byte[] unknown = new Message()
            .message(1, new Message().string(1, apiVersion).string(2, kind))
            .message(2, object)
            .toBytes();
        byte[] body = new byte[unknown.length + 4];
        body[0] = 'k';
        body[1] = '8';
        body[2] = 's';
        System.arraycopy(unknown, 0, body, 4, unknown.length);
        return body;
    }

    @Test
    void decodesTheSelfSubjectAccessReviewKubectlAuthCanISends() throws IOException {
        Message review = new Message()
            .message(1, new Message())
            .message(2, new Message().message(1, new Message()
                .string(1, "default").string(2, "list").string(5, "pods")));

        ObjectNode json = ProtobufObjects.decode(envelope("authorization.k8s.io/v1", "SelfSubjectAccessReview", review));

        assertThat(json.path("apiVersion").asString()).isEqualTo("authorization.k8s.io/v1");
        assertThat(json.path("kind").asString()).isEqualTo("SelfSubjectAccessReview");
        assertThat(json.path("spec").path("resourceAttributes").toString())
            .isEqualTo("{\"namespace\":\"default\",\"verb\":\"list\",\"resource\":\"pods\"}");
    }

    @Test
    void decodesARoleBindingWithMetadataAndSubjects() throws IOException {
        Message binding = new Message()
            .message(1, new Message().string(1, "jane-edit").string(3, "team-a").map(11, "team", "a"))
            .message(2, new Message().string(1, "User").string(2, "rbac.authorization.k8s.io").string(3, "jane"))
            .message(3, new Message().string(1, "rbac.authorization.k8s.io").string(2, "ClusterRole")
                .string(3, "edit"));

        ObjectNode json = ProtobufObjects.decode(envelope("rbac.authorization.k8s.io/v1", "RoleBinding", binding));

        assertThat(json.path("metadata").toString())
            .isEqualTo("{\"name\":\"jane-edit\",\"namespace\":\"team-a\",\"labels\":{\"team\":\"a\"}}");
        assertThat(json.path("subjects").get(0).path("name").asString()).isEqualTo("jane");
        assertThat(json.path("roleRef").path("name").asString()).isEqualTo("edit");
    }

    @Test
    void kindsNotDecodedHereAre415AndGarbageIs400() throws IOException {
        assertThatThrownBy(() -> ProtobufObjects.decode(envelope("apps/v1", "Deployment", new Message())))
            .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.code()).isEqualTo(415));
        assertThatThrownBy(() -> ProtobufObjects.decode("{\"kind\":\"Pod\"}".getBytes()))
            .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.code()).isEqualTo(400));
        byte[] truncated = envelope("v1", "Namespace", new Message().message(1, new Message().string(1, "x")));
        byte[] cut = java.util.Arrays.copyOf(truncated, truncated.length - 3);
        assertThatThrownBy(() -> ProtobufObjects.decode(cut))
            .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.code()).isEqualTo(400));
    }
}
