package io.j8s.apiserver.rest;

import com.google.protobuf.ByteString;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Descriptors.FileDescriptor;
import com.google.protobuf.DynamicMessage;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import io.j8s.common.json.Json;
import io.kubernetes.client.proto.Meta;
import io.kubernetes.client.proto.Runtime;
import io.kubernetes.client.proto.V1;
import io.kubernetes.client.proto.V1Apps;
import io.kubernetes.client.proto.V1Authentication;
import io.kubernetes.client.proto.V1Authorization;
import io.kubernetes.client.proto.V1Autoscaling;
import io.kubernetes.client.proto.V1Rbac;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Request bodies in Kubernetes' protobuf encoding ({@code application/vnd.kubernetes.protobuf}), which kubectl uses
 * for the built-in kinds it creates ({@code kubectl create namespace|deployment|role|rolebinding|...}, {@code expose},
 * the reviews of {@code kubectl auth can-i} and {@code auth whoami}). The envelope is
 * the magic {@code k8s\0} and a {@code runtime.Unknown} naming apiVersion and kind; the object is decoded with the
 * generated descriptors of {@code io.kubernetes:client-java-proto} into the JSON kube-apiserver would have read:
 * Time as RFC 3339, IntOrString as a number or string, Quantity as its string, RawExtension as the JSON it wraps.
 */
final class KubernetesProtobuf {

    static final String MEDIA_TYPE = "application/vnd.kubernetes.protobuf";

    private static final byte[] MAGIC = {0x6b, 0x38, 0x73, 0x00};
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final String META = "k8s.io.apimachinery.pkg.apis.meta.v1.";
    private static final DateTimeFormatter MICRO = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSSX")
        .withZone(ZoneOffset.UTC);

    /** The descriptor file of each group version j8s decodes; DeleteOptions and the like come from meta/v1. */
    private static final Map<String, FileDescriptor> FILES = Map.of(
        "v1", V1.getDescriptor(),
        "apps/v1", V1Apps.getDescriptor(),
        "autoscaling/v1", V1Autoscaling.getDescriptor(),
        "rbac.authorization.k8s.io/v1", V1Rbac.getDescriptor(),
        "authorization.k8s.io/v1", V1Authorization.getDescriptor(),
        "authentication.k8s.io/v1", V1Authentication.getDescriptor(),
        "meta.k8s.io/v1", Meta.getDescriptor());

    private KubernetesProtobuf() {
    }

    static ObjectNode decode(byte[] body) {
        if (body.length < MAGIC.length || !Arrays.equals(Arrays.copyOf(body, MAGIC.length), MAGIC)) {
            throw ApiException.badRequest("the protobuf body does not start with the Kubernetes magic number");
        }
        try {
            Runtime.Unknown envelope = Runtime.Unknown.parseFrom(
                ByteString.copyFrom(body, MAGIC.length, body.length - MAGIC.length));
            String apiVersion = envelope.getTypeMeta().getApiVersion();
            String kind = envelope.getTypeMeta().getKind();
            Descriptor type = descriptor(apiVersion, kind);
            ObjectNode object = NODES.objectNode();
            object.put("apiVersion", apiVersion);
            object.put("kind", kind);
            object.setAll(message(DynamicMessage.parseFrom(type, envelope.getRaw())));
            return object;
        } catch (InvalidProtocolBufferException e) {
            throw ApiException.badRequest("the protobuf body cannot be decoded: " + e.getMessage());
        }
    }

    private static Descriptor descriptor(String apiVersion, String kind) {
        for (FileDescriptor file : List.of(FILES.getOrDefault(apiVersion, Meta.getDescriptor()), Meta.getDescriptor())) {
            Descriptor type = file.findMessageTypeByName(kind);
            if (type != null) {
                return type;
            }
        }
        throw new ApiException(415, "UnsupportedMediaType", "the server cannot decode " + apiVersion + " " + kind
            + " from protobuf; send it as application/json", null, null, null, null);
    }

    private static ObjectNode message(Message message) {
        ObjectNode json = NODES.objectNode();
        for (Map.Entry<FieldDescriptor, Object> field : message.getAllFields().entrySet()) {
            FieldDescriptor descriptor = field.getKey();
            JsonNode value;
            if (descriptor.isMapField()) {
                ObjectNode map = NODES.objectNode();
                for (Object entry : (List<?>) field.getValue()) {
                    Message pair = (Message) entry;
                    FieldDescriptor keyField = pair.getDescriptorForType().findFieldByName("key");
                    FieldDescriptor valueField = pair.getDescriptorForType().findFieldByName("value");
                    map.set(String.valueOf(pair.getField(keyField)), value(valueField, pair.getField(valueField)));
                }
                value = map;
            } else if (descriptor.isRepeated()) {
                ArrayNode list = NODES.arrayNode();
                for (Object item : (List<?>) field.getValue()) {
                    list.add(value(descriptor, item));
                }
                value = list;
            } else {
                value = value(descriptor, field.getValue());
            }
            if (value != null && !unsetInGo(descriptor.getName(), value)) {
                json.set(descriptor.getName(), value);
            }
        }
        return json;
    }

    /**
     * Go writes every non-pointer field to protobuf, zero or not, where its JSON would omit the zero ({@code omitempty}).
     * A zero scalar is therefore taken as unset, except in the fields whose Go type is a pointer because their zero
     * differs from their default ({@code replicas: 0}, {@code runAsUser: 0}, {@code automountServiceAccountToken:
     * false}, ...).
     */
    private static boolean unsetInGo(String field, JsonNode value) {
        if (value.isString()) {
            return value.asString().isEmpty();
        }
        boolean zero = value.isBoolean() ? !value.asBoolean() : value.isNumber() && value.asDouble() == 0;
        return zero && !MEANINGFUL_ZEROS.contains(field);
    }

    private static final java.util.Set<String> MEANINGFUL_ZEROS = java.util.Set.of("replicas", "revisionHistoryLimit",
        "progressDeadlineSeconds", "terminationGracePeriodSeconds", "automountServiceAccountToken", "enableServiceLinks",
        "hostUsers", "allocateLoadBalancerNodePorts", "defaultMode", "mode", "runAsUser", "runAsGroup", "fsGroup",
        "gracePeriodSeconds", "intVal");

    /** One value; null when it stands for an unset Go value (a zero Time). */
    private static JsonNode value(FieldDescriptor field, Object value) {
        return switch (field.getJavaType()) {
            case MESSAGE -> special((Message) value);
            case BYTE_STRING -> NODES.stringNode(Base64.getEncoder().encodeToString(((ByteString) value).toByteArray()));
            case BOOLEAN -> NODES.booleanNode((Boolean) value);
            case INT -> NODES.numberNode((Integer) value);
            case LONG -> NODES.numberNode((Long) value);
            case FLOAT -> NODES.numberNode((Float) value);
            case DOUBLE -> NODES.numberNode((Double) value);
            default -> NODES.stringNode(String.valueOf(value));
        };
    }

    private static JsonNode special(Message message) {
        Descriptor type = message.getDescriptorForType();
        switch (type.getFullName()) {
            case META + "Time", META + "MicroTime" -> {
                long seconds = (Long) field(message, "seconds", 0L);
                int nanos = (Integer) field(message, "nanos", 0);
                if (seconds == 0 && nanos == 0) {
                    return null;
                }
                Instant instant = Instant.ofEpochSecond(seconds, nanos);
                return NODES.stringNode(type.getName().equals("MicroTime") ? MICRO.format(instant)
                    : DateTimeFormatter.ISO_INSTANT.format(instant.truncatedTo(java.time.temporal.ChronoUnit.SECONDS)));
            }
            case "k8s.io.apimachinery.pkg.util.intstr.IntOrString" -> {
                long kind = ((Number) field(message, "type", 0L)).longValue();
                return kind == 1 ? NODES.stringNode((String) field(message, "strVal", ""))
                    : NODES.numberNode((Integer) field(message, "intVal", 0));
            }
            case "k8s.io.apimachinery.pkg.api.resource.Quantity" -> {
                return NODES.stringNode((String) field(message, "string", ""));
            }
            case "k8s.io.apimachinery.pkg.runtime.RawExtension", META + "FieldsV1" -> {
                String name = type.getName().equals("FieldsV1") ? "Raw" : "raw";
                ByteString raw = (ByteString) field(message, name, ByteString.EMPTY);
                return raw.isEmpty() ? null : Json.tree(raw.toStringUtf8());
            }
            case META + "Duration" -> {
                return NODES.stringNode(java.time.Duration.ofNanos((Long) field(message, "duration", 0L)).toString()
                    .substring(2).toLowerCase(java.util.Locale.ROOT));
            }
            default -> {
                return message(message);
            }
        }
    }

    private static Object field(Message message, String name, Object fallback) {
        FieldDescriptor field = message.getDescriptorForType().findFieldByName(name);
        return field == null || !message.hasField(field) ? fallback : message.getField(field);
    }
}
