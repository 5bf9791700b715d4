package io.j8s.apiserver;

import io.j8s.common.json.Json;
import io.j8s.testsupport.ApiServerProcess;
import io.j8s.testsupport.EtcdServerProcess;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import tools.jackson.databind.JsonNode;

/**
 * The API server secured as in a cluster (its own process: HTTPS with a CA from {@code scripts/pki.sh}, the token
 * file, client certificates, the audit log), one for all security tests of the run, and an HTTP client that trusts
 * its CA.
 */
public final class SecureApiServer {

    private static ApiServerProcess server;
    private static HttpClient http;
    private static RuntimeException failedToStart;

    private SecureApiServer() {
    }

    public static synchronized ApiServerProcess get() {
        if (failedToStart != null) {
            throw failedToStart; // once is enough: every test of the run would wait as long again
        }
        if (server == null) {
            try {
                server = ApiServerProcess.startSecure();
                // HTTP/1.1, as the server speaks (no h2 offer over ALPN)
                http = HttpClient.newBuilder().sslContext(server.sslContext()).connectTimeout(Duration.ofSeconds(10))
                    .version(HttpClient.Version.HTTP_1_1).build();
                Runtime.getRuntime().addShutdownHook(new Thread(server::close));
            } catch (IOException e) {
                failedToStart = new UncheckedIOException("cannot start the secure API server", e);
                throw failedToStart;
            }
        }
        return server;
    }

    /** A response: its code and body. */
    public record Response(int code, String body) {

        public JsonNode json() {
            return Json.tree(body);
        }

        /** The {@code message} of a Status body. */
        public String message() {
            return json().path("message").asString("");
        }
    }

    /** {@code method path} with a bearer token (null: none) and an optional JSON body. */
    public static Response call(String method, String path, String token, String json) {
        return call(method, path, token, json, "application/json");
    }

    public static Response call(String method, String path, String token, String body, String contentType) {
        return call(method, path, token, body, contentType, Map.of());
    }

    /**
     * ... with more headers; a connection the server closed without an answer, or no answer within 30 s, is an
     * {@link UncheckedIOException}.
     */
    public static Response call(String method, String path, String token, String body, String contentType,
                                Map<String, String> headers) {
        get();
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(server.url() + path))
            .timeout(Duration.ofSeconds(30))
            .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body));
        if (body != null && contentType != null) {
            request.header("Content-Type", contentType);
        }
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        headers.forEach(request::header);
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Response(response.statusCode(), response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public static HttpClient http() {
        get();
        return http;
    }

    /** A fresh namespace, created by the admin. */
    public static String newNamespace() {
        String name = "s-" + UUID.randomUUID().toString().substring(0, 8);
        Response created = call("POST", "/api/v1/namespaces", get().adminToken(),
            "{\"metadata\":{\"name\":\"" + name + "\"}}");
        if (created.code() != 201) {
            throw new IllegalStateException("cannot create namespace " + name + ": " + created);
        }
        return name;
    }

    /** Grants {@code clusterRole} to {@code user} in {@code namespace} with a RoleBinding (as the admin). */
    public static void bind(String namespace, String user, String clusterRole) {
        Response created = call("POST", "/apis/rbac.authorization.k8s.io/v1/namespaces/" + namespace
            + "/rolebindings", get().adminToken(), "{\"metadata\":{\"name\":\"" + user + "-" + clusterRole + "\"},"
            + "\"roleRef\":{\"apiGroup\":\"rbac.authorization.k8s.io\",\"kind\":\"ClusterRole\",\"name\":\""
            + clusterRole + "\"},\"subjects\":[{\"kind\":\"User\",\"name\":\"" + user + "\"}]}");
        if (created.code() != 201) {
            throw new IllegalStateException("cannot bind " + clusterRole + " to " + user + ": " + created);
        }
    }

    /** etcd's current revision: unchanged across requests means they wrote nothing. */
    public static long etcdRevision() {
        EtcdServerProcess etcd = get().etcd();
        try {
            String out = etcd.etcdctl("get", "/registry/", "--prefix", "--keys-only", "--limit=1", "-w", "json");
            return Json.tree(out).path("header").path("revision").asLong();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public static String pod(String name, String nodeName) {
        return "{\"apiVersion\":\"v1\",\"kind\":\"Pod\",\"metadata\":{\"name\":\"" + name
            + "\",\"labels\":{\"app\":\"x\"}},"
            + "\"spec\":{" + (nodeName == null ? "" : "\"nodeName\":\"" + nodeName + "\",")
            + "\"containers\":[{\"name\":\"c\",\"image\":\"busybox:1.36\"}]}}";
    }

    public static String deployment(String name) {
        return "{\"apiVersion\":\"apps/v1\",\"kind\":\"Deployment\",\"metadata\":{\"name\":\"" + name + "\"},"
            + "\"spec\":{\"replicas\":1,\"selector\":{\"matchLabels\":{\"app\":\"" + name + "\"}},"
            + "\"template\":{\"metadata\":{\"labels\":{\"app\":\"" + name + "\"}},"
            + "\"spec\":{\"schedulerName\":\"nobody\",\"containers\":[{\"name\":\"c\",\"image\":\"busybox:1.36\"}]}}}}";
    }
}
