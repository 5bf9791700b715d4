package io.j8s.apiserver.rest;

import io.j8s.common.json.Json;
import java.nio.charset.StandardCharsets;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.server.ServerRequest;
import reactor.core.publisher.Mono;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/** Reads request bodies as kube-apiserver does: JSON or YAML objects, at most 1.5 MiB. */
public final class RequestBodies {

    /** kube-apiserver's limit on a request body. */
    public static final int MAX_BODY_BYTES = 3 * 1024 * 1024 / 2;

    private static final YAMLMapper YAML = YAMLMapper.builder().build();

    private RequestBodies() {
    }

    /** The raw body bytes, or 413 when the body is too large. Empty bodies give an empty array. */
    public static Mono<byte[]> bytes(ServerRequest request) {
        return DataBufferUtils.join(request.exchange().getRequest().getBody(), MAX_BODY_BYTES)
            .map(buffer -> {
                byte[] bytes = new byte[buffer.readableByteCount()];
                buffer.read(bytes);
                DataBufferUtils.release(buffer);
                return bytes;
            })
            .defaultIfEmpty(new byte[0])
            .onErrorMap(DataBufferLimitException.class, e -> ApiException.tooLarge(
                "the request body is larger than the limit of " + MAX_BODY_BYTES + " bytes"));
    }

    /**
     * An object body (create, update): JSON or YAML by Content-Type or Kubernetes protobuf ({@link KubernetesProtobuf}); 400 when it is not an object, 415 for other types.
     */
    public static Mono<ObjectNode> object(ServerRequest request) {
        MediaType type = request.headers().contentType().orElse(MediaType.APPLICATION_JSON);
        boolean yaml = isYaml(type);
        boolean protobuf = isProtobuf(type);
        if (!yaml && !protobuf && !isJson(type)) {
            return Mono.error(ApiException.unsupportedMediaType(type.toString()));
        }
        return bytes(request).map(bytes -> {
            if (bytes.length == 0) {
                throw ApiException.badRequest("the request body is empty: an object is required");
            }
            JsonNode node = protobuf ? KubernetesProtobuf.decode(bytes) : parse(bytes, yaml);
            if (!(node instanceof ObjectNode object)) {
                throw ApiException.badRequest("the request body must be an object, not " + node.getNodeType());
            }
            return object;
        });
    }

    /** Parses JSON or YAML, turning syntax errors into 400 with the parser's own message. */
    public static JsonNode parse(byte[] bytes, boolean yaml) {
        try {
            JsonNode node = yaml ? YAML.readTree(bytes) : Json.mapper().readTree(bytes);
            if (node == null || node.isMissingNode()) {
                throw ApiException.badRequest("the request body is empty: an object is required");
            }
            return node;
        } catch (JacksonException e) {
            throw ApiException.badRequest("the request body is not valid " + (yaml ? "YAML" : "JSON") + ": "
                + e.getOriginalMessage());
        }
    }

    /** A body of any type: JSON, YAML or Kubernetes protobuf, by Content-Type; an empty body is an empty object. */
    public static JsonNode any(MediaType type, byte[] bytes) {
        if (bytes.length == 0) {
            return Json.mapper().createObjectNode();
        }
        return type != null && isProtobuf(type) ? KubernetesProtobuf.decode(bytes)
            : parse(bytes, type != null && isYaml(type));
    }

    static boolean isProtobuf(MediaType type) {
        return KubernetesProtobuf.MEDIA_TYPE.equals(type.getType() + "/" + type.getSubtype());
    }

    static boolean isYaml(MediaType type) {
        return type.getSubtype().equals("yaml") || type.getSubtype().equals("x-yaml");
    }

    static boolean isJson(MediaType type) {
        return type.getSubtype().equals("json") || type.getSubtype().endsWith("+json")
            && !type.getSubtype().contains("patch");
    }

    static String utf8(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
