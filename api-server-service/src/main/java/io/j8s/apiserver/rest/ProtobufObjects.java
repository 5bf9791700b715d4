package io.j8s.apiserver.rest;

import com.google.protobuf.CodedInputStream;
import com.google.protobuf.WireFormat;
import io.j8s.common.json.Json;
import java.io.IOException;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Request bodies in Kubernetes' protobuf encoding ({@code application/vnd.kubernetes.protobuf}): the
 * {@code k8s\0} magic, then a {@code runtime.Unknown} carrying apiVersion, kind and the object's own message. kubectl's
 * typed clients send this for {@code kubectl auth can-i}, {@code auth whoami} and {@code create namespace / role /
 * clusterrole / rolebinding / clusterrolebinding}, so those kinds are decoded here into the JSON every other body
 * becomes (field numbers from Kubernetes' generated.proto files). Other kinds are 415: kubectl sends them as JSON.
 */
public final class ProtobufObjects {

    public static final String CONTENT_TYPE = "application/vnd.kubernetes.protobuf";
    private static final byte[] MAGIC = {'k', '8', 's', 0};

    private ProtobufObjects() {
    }

    /** The object in {@code body}, as JSON; 400 when it is not Kubernetes protobuf, 415 for kinds not known here. */
    public static ObjectNode decode(byte[] body) {
        if (body.length < MAGIC.length || !Arrays.equals(Arrays.copyOf(body, MAGIC.length), MAGIC)) {
            throw ApiException.badRequest("the request body is not Kubernetes protobuf (no k8s\\0 prefix)");
        }
        try {
            CodedInputStream in = CodedInputStream.newInstance(body, MAGIC.length, body.length - MAGIC.length);
            ObjectNode typeMeta = Json.mapper().createObjectNode();
            byte[] raw = new byte[0];
            int tag;
            while ((tag = in.readTag()) != 0) {
                switch (WireFormat.getTagFieldNumber(tag)) {
                    case 1 -> typeMeta = TYPE_META.decode(CodedInputStream.newInstance(in.readByteArray()), 0);
                    case 2 -> raw = in.readByteArray();
                    default -> in.skipField(tag);
                }
            }
            String apiVersion = typeMeta.path("apiVersion").asString("");
            String kind = typeMeta.path("kind").asString("");
            Message message = KINDS.get(apiVersion + "/" + kind);
            if (message == null) {
                throw new ApiException(415, "UnsupportedMediaType", "the body of the request was in an unknown "
                    + "format - " + kind + " (" + apiVersion + ") is accepted as application/json or "
                    + "application/yaml", null, null, null, null);
            }
            ObjectNode object = message.decode(CodedInputStream.newInstance(raw), 0);
            ObjectNode result = Json.mapper().createObjectNode();
            result.put("apiVersion", apiVersion).put("kind", kind);
            result.setAll(object);
            return result;
        } catch (IOException | RuntimeException e) {
            if (e instanceof ApiException api) {
                throw api;
            }
            throw ApiException.badRequest("the request body is not valid Kubernetes protobuf: " + e.getMessage());
        }
    }

    // ---- the schema: field number -> JSON name and type, per message

    private enum Type { STRING, INT64, INT32, BOOL, TIME, STRING_MAP, MESSAGE }

    private record Field(String name, Type type, boolean repeated, Message message) {
    }

    private static final class Message {
        private final Map<Integer, Field> fields = new HashMap<>();

        Message field(int number, String name, Type type) {
            fields.put(number, new Field(name, type, false, null));
            return this;
        }

        Message repeated(int number, String name, Type type) {
            fields.put(number, new Field(name, type, true, null));
            return this;
        }

        Message message(int number, String name, Message message) {
            fields.put(number, new Field(name, Type.MESSAGE, false, message));
            return this;
        }

        Message repeatedMessage(int number, String name, Message message) {
            fields.put(number, new Field(name, Type.MESSAGE, true, message));
            return this;
        }

        ObjectNode decode(CodedInputStream in, int depth) throws IOException {
            if (depth > 16) {
                throw ApiException.badRequest("the protobuf body nests too deeply");
            }
            ObjectNode node = Json.mapper().createObjectNode();
            int tag;
            while ((tag = in.readTag()) != 0) {
                Field field = fields.get(WireFormat.getTagFieldNumber(tag));
                if (field == null) {
                    in.skipField(tag);
                    continue;
                }
                switch (field.type()) {
                    case STRING -> {
                        String value = in.readStringRequireUtf8();
                        if (field.repeated() || !value.isEmpty()) { // Go's zero value is "not set"
                            put(node, field, value);
                        }
                    }
                    case INT64 -> put(node, field, in.readInt64());
                    case INT32 -> put(node, field, in.readInt32());
                    case BOOL -> put(node, field, in.readBool());
                    case TIME -> {
                        String time = time(CodedInputStream.newInstance(in.readByteArray()));
                        if (time != null) {
                            node.put(field.name(), time);
                        }
                    }
                    case STRING_MAP -> {
                        ObjectNode entry = MAP_ENTRY.decode(CodedInputStream.newInstance(in.readByteArray()),
                            depth + 1);
                        ((ObjectNode) node.withObjectProperty(field.name())).put(entry.path("key").asString(""),
                            entry.path("value").asString(""));
                    }
                    case MESSAGE -> {
                        ObjectNode child = field.message().decode(CodedInputStream.newInstance(in.readByteArray()),
                            depth + 1);
                        if (field.repeated()) {
                            ((ArrayNode) node.withArrayProperty(field.name())).add(child);
                        } else {
                            node.set(field.name(), child);
                        }
                    }
                }
            }
            return node;
        }

        private static void put(ObjectNode node, Field field, Object value) {
            tools.jackson.databind.JsonNode json = Json.mapper().valueToTree(value);
            if (field.repeated()) {
                node.withArrayProperty(field.name()).add(json);
            } else {
                node.set(field.name(), json);
            }
        }

        private static String time(CodedInputStream in) throws IOException {
            long seconds = 0;
            int tag;
            while ((tag = in.readTag()) != 0) {
                if (WireFormat.getTagFieldNumber(tag) == 1) {
                    seconds = in.readInt64();
                } else {
                    in.skipField(tag);
                }
            }
            return seconds == 0 ? null : Instant.ofEpochSecond(seconds).toString(); // the zero Time is "not set"
        }
    }

    /** runtime.Unknown's TypeMeta, and the entry message of every proto map. */
    private static final Message TYPE_META = new Message()
        .field(1, "apiVersion", Type.STRING).field(2, "kind", Type.STRING);
    private static final Message MAP_ENTRY = new Message()
        .field(1, "key", Type.STRING).field(2, "value", Type.STRING);
    private static final Message OWNER_REFERENCE = new Message()
        .field(1, "kind", Type.STRING).field(3, "name", Type.STRING).field(4, "uid", Type.STRING)
        .field(5, "apiVersion", Type.STRING).field(6, "controller", Type.BOOL)
        .field(7, "blockOwnerDeletion", Type.BOOL);
    private static final Message OBJECT_META = new Message()
        .field(1, "name", Type.STRING).field(2, "generateName", Type.STRING).field(3, "namespace", Type.STRING)
        .field(5, "uid", Type.STRING).field(6, "resourceVersion", Type.STRING).field(7, "generation", Type.INT64)
        .field(8, "creationTimestamp", Type.TIME).field(9, "deletionTimestamp", Type.TIME)
        .field(10, "deletionGracePeriodSeconds", Type.INT64)
        .field(11, "labels", Type.STRING_MAP).field(12, "annotations", Type.STRING_MAP)
        .repeatedMessage(13, "ownerReferences", OWNER_REFERENCE).repeated(14, "finalizers", Type.STRING);
    private static final Message LABEL_SELECTOR = new Message()
        .field(1, "matchLabels", Type.STRING_MAP)
        .repeatedMessage(2, "matchExpressions", new Message()
            .field(1, "key", Type.STRING).field(2, "operator", Type.STRING).repeated(3, "values", Type.STRING));
    private static final Message POLICY_RULE = new Message()
        .repeated(1, "verbs", Type.STRING).repeated(2, "apiGroups", Type.STRING).repeated(3, "resources", Type.STRING)
        .repeated(4, "resourceNames", Type.STRING).repeated(5, "nonResourceURLs", Type.STRING);
    private static final Message SUBJECT = new Message()
        .field(1, "kind", Type.STRING).field(2, "apiGroup", Type.STRING).field(3, "name", Type.STRING)
        .field(4, "namespace", Type.STRING);
    private static final Message ROLE_REF = new Message()
        .field(1, "apiGroup", Type.STRING).field(2, "kind", Type.STRING).field(3, "name", Type.STRING);
    private static final Message ROLE = new Message()
        .message(1, "metadata", OBJECT_META).repeatedMessage(2, "rules", POLICY_RULE)
        .message(3, "aggregationRule", new Message().repeatedMessage(1, "clusterRoleSelectors", LABEL_SELECTOR));
    private static final Message BINDING = new Message()
        .message(1, "metadata", OBJECT_META).repeatedMessage(2, "subjects", SUBJECT).message(3, "roleRef", ROLE_REF);
    private static final Message RESOURCE_ATTRIBUTES = new Message()
        .field(1, "namespace", Type.STRING).field(2, "verb", Type.STRING).field(3, "group", Type.STRING)
        .field(4, "version", Type.STRING).field(5, "resource", Type.STRING).field(6, "subresource", Type.STRING)
        .field(7, "name", Type.STRING);
    private static final Message NON_RESOURCE_ATTRIBUTES = new Message()
        .field(1, "path", Type.STRING).field(2, "verb", Type.STRING);
    private static final Message ACCESS_REVIEW = new Message()
        .message(1, "metadata", OBJECT_META)
        .message(2, "spec", new Message()
            .message(1, "resourceAttributes", RESOURCE_ATTRIBUTES)
            .message(2, "nonResourceAttributes", NON_RESOURCE_ATTRIBUTES)
            .field(3, "user", Type.STRING).repeated(4, "groups", Type.STRING).field(6, "uid", Type.STRING));
    private static final Message RULES_REVIEW = new Message()
        .message(1, "metadata", OBJECT_META)
        .message(2, "spec", new Message().field(1, "namespace", Type.STRING));
    private static final Message SELF_SUBJECT_REVIEW = new Message().message(1, "metadata", OBJECT_META);
    private static final Message NAMESPACE = new Message()
        .message(1, "metadata", OBJECT_META)
        .message(2, "spec", new Message().repeated(1, "finalizers", Type.STRING));

    private static final Map<String, Message> KINDS = Map.of(
        "v1/Namespace", NAMESPACE,
        "rbac.authorization.k8s.io/v1/Role", ROLE,
        "rbac.authorization.k8s.io/v1/ClusterRole", ROLE,
        "rbac.authorization.k8s.io/v1/RoleBinding", BINDING,
        "rbac.authorization.k8s.io/v1/ClusterRoleBinding", BINDING,
        "authorization.k8s.io/v1/SelfSubjectAccessReview", ACCESS_REVIEW,
        "authorization.k8s.io/v1/SubjectAccessReview", ACCESS_REVIEW,
        "authorization.k8s.io/v1/SelfSubjectRulesReview", RULES_REVIEW,
        "authentication.k8s.io/v1/SelfSubjectReview", SELF_SUBJECT_REVIEW);
}
