package io.j8s.apiserver.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.j8s.apiserver.SecureApiServer;
import io.j8s.testsupport.ApiServerProcess;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.function.Supplier;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.Test;

/**
 * 1000 random malformed or hostile requests against the secured server: bad JSON and YAML, wrong types, huge headers
 * and bodies, path traversal in names and namespaces, wrong content types, invalid or stolen-looking tokens, strange
 * methods and query parameters, raw garbage on the TLS socket. Every one must be answered with a 4xx (never a 5xx),
 * nothing may reach etcd, and the server must be ready afterwards.
 */
class HostileRequestsIT {

    private static final int REQUESTS = 1000;
    private static final long SEED = 8L;

    private final ApiServerProcess server = SecureApiServer.get();
    private final Random random = new Random(SEED);
    private String viewer;
    private String node;

    /** One hostile request: what it is (for the report), and how to send it. */
    private record Attack(String kind, String description, Supplier<Integer> send) {
    }

    @Test
    void everyHostileRequestIsA4xxAndEtcdIsUnchanged() throws Exception {
        viewer = server.addUser("hostile-viewer");
        node = server.addUser("system:node:hostile-node", "system:nodes");
        SecureApiServer.bind("default", "hostile-viewer", "view");
        long before = SecureApiServer.etcdRevision();

        Map<String, Map<Integer, Integer>> codes = new TreeMap<>();
        List<String> failures = new ArrayList<>();
        for (int i = 0; i < REQUESTS; i++) {
            Attack attack = next();
            int code = attack.send().get();
            codes.computeIfAbsent(attack.kind(), k -> new TreeMap<>()).merge(code, 1, Integer::sum);
            if (code < 400 || code >= 500) {
                failures.add(code + " for " + attack.kind() + ": " + attack.description());
            }
        }
        System.out.println("hostile requests by kind and answer: " + codes);

        assertThat(failures).as("requests not answered with a 4xx").isEmpty();
        assertThat(codes.values().stream().mapToInt(m -> m.values().stream().mapToInt(Integer::intValue).sum()).sum())
            .isEqualTo(REQUESTS);
        assertThat(SecureApiServer.etcdRevision()).as("etcd revision after the hostile requests").isEqualTo(before);
        assertThat(SecureApiServer.call("GET", "/readyz", null, null).code()).isEqualTo(200);
        assertThat(SecureApiServer.call("GET", "/api/v1/namespaces/default", server.adminToken(), null).code())
            .isEqualTo(200);
    }

    private Attack next() {
        String admin = server.adminToken();
        return switch (random.nextInt(12)) {
            case 0 -> badJson(admin);
            case 1 -> wrongTypes(admin);
            case 2 -> traversal(admin);
            case 3 -> contentType(admin);
            case 4 -> invalidToken();
            case 5 -> hugeHeader();
            case 6 -> hugeBody(admin);
            case 7 -> strangeMethod(admin);
            case 8 -> badQuery(admin);
            case 9 -> forbiddenWrite();
            case 10 -> rawGarbage();
            default -> badPatch(admin);
        };
    }

    // ---- the kinds of attack

    private Attack badJson(String token) {
        String valid = SecureApiServer.pod("bad-json-" + random.nextInt(1000), null);
        String body = switch (random.nextInt(5)) {
            case 0 -> valid.substring(0, 1 + random.nextInt(valid.length() - 2)); // truncated
            case 1 -> randomText(1 + random.nextInt(200));
            case 2 -> "[".repeat(2000 + random.nextInt(5000)); // nesting beyond any limit
            case 3 -> "{\"a\":" + "{\"a\":".repeat(1500) + "1" + "}".repeat(1501);
            default -> valid.replace("{", "{{").replace(":", "::");
        };
        String path = "/api/v1/namespaces/default/pods" + (random.nextBoolean() ? "" : "/bad-json");
        String method = path.endsWith("pods") ? "POST" : "PUT";
        return new Attack("bad JSON", method + " " + path + " " + abbreviate(body),
            () -> send(method, path, token, body, random.nextBoolean() ? "application/json" : "application/yaml",
                Map.of()));
    }

    private Attack wrongTypes(String token) {
        String[] bodies = {
            "{\"apiVersion\":\"v1\",\"kind\":\"Pod\",\"metadata\":{\"name\":\"wrong\"},\"spec\":{\"containers\":5}}",
            "{\"apiVersion\":\"v1\",\"kind\":\"Pod\",\"metadata\":\"nope\"}",
            "{\"apiVersion\":7,\"kind\":\"Pod\",\"metadata\":{\"name\":\"x\"}}",
            "{\"apiVersion\":\"v1\",\"kind\":\"Service\",\"metadata\":{\"name\":\"x\"}}",
            "{\"apiVersion\":\"v1\",\"kind\":\"Pod\",\"metadata\":{\"name\":\"UPPER\"},\"spec\":{\"containers\":[{\"name\":\"c\",\"image\":\"i\"}]}}",
            "{\"apiVersion\":\"v1\",\"kind\":\"Pod\",\"metadata\":{\"name\":\"../../x\"},\"spec\":{\"containers\":[{\"name\":\"c\",\"image\":\"i\"}]}}",
            "{\"apiVersion\":\"v1\",\"kind\":\"Pod\",\"metadata\":{\"name\":\"x\",\"namespace\":\"kube-system\"},\"spec\":{\"containers\":[{\"name\":\"c\",\"image\":\"i\"}]}}",
            "{\"apiVersion\":\"v1\",\"kind\":\"Pod\",\"metadata\":{\"generateName\":\"a/b\"},\"spec\":{\"containers\":[{\"name\":\"c\",\"image\":\"i\"}]}}",
            "{\"apiVersion\":\"apps/v1\",\"kind\":\"Deployment\",\"metadata\":{\"name\":\"d\"},\"spec\":{\"replicas\":-1}}",
            "{\"apiVersion\":\"rbac.authorization.k8s.io/v1\",\"kind\":\"ClusterRoleBinding\",\"metadata\":{\"name\":\"evil\"},\"roleRef\":{\"kind\":\"ClusterRole\",\"name\":\"cluster-admin\",\"apiGroup\":\"rbac.authorization.k8s.io\"},\"subjects\":[{\"kind\":\"Alien\",\"name\":\"x\"}]}",
            "{\"apiVersion\":\"rbac.authorization.k8s.io/v1\",\"kind\":\"ClusterRole\",\"metadata\":{\"name\":\"r\"},\"rules\":\"all\"}",
            "\"just a string\"",
            "null",
            "[1,2,3]",
        };
        int pick = random.nextInt(bodies.length);
        String path = switch (pick) {
            case 8 -> "/apis/apps/v1/namespaces/default/deployments";
            case 9 -> "/apis/rbac.authorization.k8s.io/v1/clusterrolebindings";
            case 10 -> "/apis/rbac.authorization.k8s.io/v1/clusterroles";
            default -> "/api/v1/namespaces/default/pods";
        };
        return new Attack("wrong types", "POST " + path + " " + bodies[pick],
            () -> send("POST", path, token, bodies[pick], "application/json", Map.of()));
    }

    private Attack traversal(String token) {
        String[] paths = {
            "/api/v1/namespaces/default/pods/..", "/api/v1/namespaces/default/pods/.",
            "/api/v1/namespaces/default/pods/%2e%2e", "/api/v1/namespaces/default/pods/..%2F..%2Fsecrets",
            "/api/v1/namespaces/../pods/x", "/api/v1/namespaces/%2e%2e/pods", "/api/v1/namespaces/default/pods/a%00b",
            "/api/v1/namespaces/default/pods/x/..", "/api/v1/namespaces/default/pods/x/../../../registry",
            "/api/v1/namespaces/default/pods/x%5C..%5C..", "/apis/apps/v1/namespaces/..%252f/deployments/x",
            "/api/v1/namespaces/default/pods/" + "a".repeat(300) + "/status",
            "/api/v1/namespaces/default/pods/x/exec", "/api/v1/namespaces/default/nodes/x",
            "/apis/../api/v1/namespaces", "/api/v2/namespaces/default/pods", "/apis/evil.example.com/v1/things",
        };
        String path = paths[random.nextInt(paths.length)];
        String method = List.of("GET", "DELETE", "PUT", "PATCH").get(random.nextInt(4));
        String body = method.equals("GET") || method.equals("DELETE") ? null
            : SecureApiServer.pod("x", null);
        String type = method.equals("PATCH") ? "application/merge-patch+json" : "application/json";
        return new Attack("path traversal", method + " " + path,
            () -> send(method, path, token, body, type, Map.of()));
    }

    private Attack contentType(String token) {
        String[] types = {"text/plain", "application/xml", "application/x-www-form-urlencoded", "image/png",
            "application/vnd.kubernetes.protobuf", "application/json-patch+json", "multipart/form-data; boundary=x",
            "application/json; charset=utf-16", "no/such;;type", "*/*"};
        String type = types[random.nextInt(types.length)];
        String body = random.nextBoolean() ? "<pod name=\"x\"/>" : randomText(50);
        return new Attack("content type", "POST pods as " + type,
            () -> send("POST", "/api/v1/namespaces/default/pods", token, body, type, Map.of()));
    }

    private Attack invalidToken() {
        if (random.nextInt(5) == 0) {
            // bytes no HTTP client lets into a header: straight onto the socket
            String token = randomText(1 + random.nextInt(64)).replaceAll("[\\r\\n]", "x");
            return new Attack("invalid token", "raw Bearer " + abbreviate(token), () -> raw(
                "GET /api/v1/namespaces/default/pods HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + token
                    + "\r\nConnection: close\r\n\r\n"));
        }
        String token = switch (random.nextInt(5)) {
            case 0 -> asciiText(1 + random.nextInt(64));
            case 1 -> server.adminToken() + "x";
            case 2 -> server.adminToken().substring(0, server.adminToken().length() - 1);
            case 3 -> "x".repeat(4000);
            default -> "";
        };
        String scheme = random.nextInt(4) == 0 ? "Basic " : "Bearer ";
        String method = random.nextBoolean() ? "GET" : "POST";
        return new Attack("invalid token", method + " with " + scheme + abbreviate(token),
            () -> send(method, "/api/v1/namespaces/default/pods", null,
                method.equals("POST") ? SecureApiServer.pod("stolen", null) : null, "application/json",
                Map.of("Authorization", scheme + token)));
    }

    private Attack hugeHeader() {
        int size = 40_000 + random.nextInt(200_000);
        return new Attack("huge header", size + " bytes",
            () -> send("GET", "/api/v1/namespaces/default/pods", server.adminToken(), null, null,
                Map.of("X-Padding", "p".repeat(size))));
    }

    private Attack hugeBody(String token) {
        int size = 1600 * 1024 + random.nextInt(1024 * 1024);
        String body = "{\"metadata\":{\"name\":\"big\",\"annotations\":{\"a\":\"" + "x".repeat(size) + "\"}}}";
        return new Attack("huge body", size + " bytes",
            () -> send("POST", "/api/v1/namespaces/default/pods", token, body, "application/json", Map.of()));
    }

    private Attack strangeMethod(String token) {
        String method = List.of("TRACE", "CONNECT", "FOO", "PROPFIND", "PUT", "POST").get(random.nextInt(6));
        String path = List.of("/api", "/apis/apps/v1", "/version", "/api/v1/namespaces/default/pods/x/binding",
            "/api/v1/namespaces/default/pods/x/log", "/apis/authorization.k8s.io/v1/selfsubjectaccessreviews/x")
            .get(random.nextInt(6));
        if (method.equals("CONNECT")) { // the JDK client will not send it
            return new Attack("strange method", method + " " + path, () -> raw("CONNECT " + path
                + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + token + "\r\nConnection: close\r\n\r\n"));
        }
        return new Attack("strange method", method + " " + path,
            () -> send(method, path, token, method.equals("PUT") || method.equals("POST") ? "{}" : null,
                "application/json", Map.of()));
    }

    private Attack badQuery(String token) {
        String[] queries = {"labelSelector=!!!", "labelSelector=a%20in%20(b", "fieldSelector=spec.secret%3Dx",
            "limit=-5", "limit=abc", "continue=not-a-token", "resourceVersion=abc&watch=true",
            "timeoutSeconds=forever&watch=true", "labelSelector=key%20notin%20", "dryRun=Maybe"};
        String query = queries[random.nextInt(queries.length)];
        String method = query.startsWith("dryRun") ? "POST" : "GET";
        return new Attack("bad query", method + " ?" + query,
            () -> send(method, "/api/v1/namespaces/default/pods?" + query, token,
                method.equals("POST") ? SecureApiServer.pod("dry", null) : null, "application/json", Map.of()));
    }

    private Attack forbiddenWrite() {
        String token = random.nextBoolean() ? viewer : node;
        String[][] writes = {
            {"POST", "/api/v1/namespaces/default/pods", SecureApiServer.pod("intruder", null)},
            {"POST", "/apis/rbac.authorization.k8s.io/v1/clusterrolebindings", "{\"metadata\":{\"name\":\"own\"},"
                + "\"roleRef\":{\"apiGroup\":\"rbac.authorization.k8s.io\",\"kind\":\"ClusterRole\",\"name\":"
                + "\"cluster-admin\"},\"subjects\":[{\"kind\":\"User\",\"name\":\"hostile-viewer\"}]}"},
            {"DELETE", "/api/v1/namespaces/kube-system", null},
            {"DELETE", "/api/v1/namespaces/default/pods", null},
            {"POST", "/api/v1/nodes", "{\"metadata\":{\"name\":\"impostor\"}}"},
            {"PATCH", "/api/v1/namespaces/default", "{\"metadata\":{\"labels\":{\"owned\":\"yes\"}}}"},
            {"PUT", "/api/v1/namespaces/default/finalize", "{\"metadata\":{\"name\":\"default\"},"
                + "\"spec\":{\"finalizers\":[]}}"},
        };
        String[] write = writes[random.nextInt(writes.length)];
        return new Attack("forbidden write", write[0] + " " + write[1],
            () -> send(write[0], write[1], token, write[2],
                write[0].equals("PATCH") ? "application/merge-patch+json" : "application/json", Map.of()));
    }

    private Attack badPatch(String token) {
        String[][] patches = {
            {"application/json-patch+json", "[{\"op\":\"replace\",\"path\":\"/metadata\",\"value\":\"x\"}]"},
            {"application/json-patch+json", "[{\"op\":\"explode\",\"path\":\"/spec\"}]"},
            {"application/json-patch+json", "{\"not\":\"an array\"}"},
            {"application/merge-patch+json", "[]"},
            {"application/merge-patch+json", "{\"metadata\":{\"name\":\"renamed\"}}"},
            {"application/strategic-merge-patch+json", "{\"spec\":{\"$patch\":\"explode\"}}"},
            {"application/apply-patch+yaml", "a: b"},
        };
        String[] patch = patches[random.nextInt(patches.length)];
        String target = random.nextBoolean() ? "/api/v1/namespaces/default" : "/api/v1/namespaces/default/pods/none";
        return new Attack("bad patch", patch[0] + " " + patch[1] + " on " + target,
            () -> send("PATCH", target, token, patch[1], patch[0], Map.of()));
    }

    /** Bytes no HTTP client would send, straight onto the TLS socket. */
    private Attack rawGarbage() {
        String[] requests = {
            "GET /api/v1/namespaces HTTP/1.1\r\nHost: x\r\nBroken header line\r\n\r\n",
            "GET /api/v1/namespaces HTTP/1.1\r\nHost: x\r\nContent-Length: -5\r\n\r\n",
            "POST /api/v1/namespaces/default/pods HTTP/1.1\r\nHost: x\r\nContent-Length: abc\r\n\r\n{}",
            "GET /" + "a".repeat(20_000) + " HTTP/1.1\r\nHost: x\r\n\r\n",
            "\u0000\u0001\u0002 garbage \r\n\r\n",
            "GET /api/v1/namespaces HTTP/9.9\r\nHost: x\r\n\r\n",
        };
        String request = requests[random.nextInt(requests.length)];
        return new Attack("raw garbage", abbreviate(request.replace("\r\n", "\\r\\n")), () -> raw(request));
    }

    // ---- sending

    private int send(String method, String path, String token, String body, String contentType,
                     Map<String, String> headers) {
        try {
            return SecureApiServer.call(method, path, token, body, contentType, headers).code();
        } catch (UncheckedIOException e) {
            return rawStatus(method, path, token, headers, e.getCause());
        }
    }

    /** The JDK client refuses some answers (a 431 without body on HTTP/1.1, say): ask again on a plain socket. */
    private int rawStatus(String method, String path, String token, Map<String, String> headers, IOException cause) {
        StringBuilder request = new StringBuilder(method + " " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\n");
        if (token != null) {
            request.append("Authorization: Bearer ").append(token).append("\r\n");
        }
        headers.forEach((k, v) -> request.append(k).append(": ").append(v).append("\r\n"));
        request.append("Content-Length: 0\r\nConnection: close\r\n\r\n");
        int code = raw(request.toString());
        if (code == 0) {
            throw new IllegalStateException(method + " " + path + " got no answer at all", cause);
        }
        return code;
    }

    private int raw(String request) {
        URI uri = URI.create(server.url());
        try (SSLSocket socket = (SSLSocket) server.sslContext().getSocketFactory().createSocket(uri.getHost(),
            uri.getPort())) {
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.UTF_8));
            out.flush();
            InputStream in = socket.getInputStream();
            StringBuilder statusLine = new StringBuilder();
            int b;
            while ((b = in.read()) != -1 && b != '\n') {
                statusLine.append((char) b);
            }
            String[] parts = statusLine.toString().split(" ");
            return parts.length >= 2 && parts[0].startsWith("HTTP/") ? Integer.parseInt(parts[1]) : 0;
        } catch (IOException e) {
            return 0;
        }
    }

    private String randomText(int length) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < length; i++) {
            text.append((char) (random.nextBoolean() ? 32 + random.nextInt(95) : random.nextInt(0x3000)));
        }
        return text.toString();
    }

    private String asciiText(int length) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < length; i++) {
            text.append((char) (33 + random.nextInt(94)));
        }
        return text.toString();
    }

    private static String abbreviate(String text) {
        return text.length() <= 120 ? text : text.substring(0, 120) + "...(" + text.length() + " chars)";
    }
}
