package io.j8s.apiserver.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.j8s.apiserver.SecureApiServer;
import io.j8s.testsupport.ApiServerProcess;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real kubectl over TLS, with a kubeconfig as {@code ./j8s up} writes it (the CA as certificate-authority-data,
 * a bearer token per user), and no other flags.
 */
class KubectlIT {

    @TempDir
    static Path home;
    private static ApiServerProcess server;
    private static Path kubeconfig;
    private static String namespace;

    @BeforeAll
    static void kubeconfig() throws IOException {
        server = SecureApiServer.get();
        namespace = SecureApiServer.newNamespace();
        String dana = server.addUser("dana");
        String ca = Base64.getEncoder().encodeToString(Files.readAllBytes(server.caFile()));
        kubeconfig = home.resolve("kubeconfig");
        Files.writeString(kubeconfig, """
            apiVersion: v1
            kind: Config
            clusters:
            - name: j8s
              cluster:
                server: %s
                certificate-authority-data: %s
            users:
            - name: admin
              user: {token: %s}
            - name: dana
              user: {token: %s}
            contexts:
            - name: admin
              context: {cluster: j8s, user: admin, namespace: %s}
            - name: dana
              context: {cluster: j8s, user: dana, namespace: %s}
            current-context: admin
            """.formatted(server.url(), ca, server.adminToken(), dana, namespace, namespace));
    }

    private record Result(int exit, String out) {
    }

    private static Result kubectl(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("kubectl"));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("KUBECONFIG", kubeconfig.toString());
        builder.environment().put("HOME", home.toString()); // its own discovery cache
        Process process = builder.start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new Result(process.exitValue(), out);
    }

    @Test
    void kubectlWorksOverTlsWithTheKubeconfig() throws Exception {
        Result namespaces = kubectl("get", "namespaces");
        assertThat(namespaces.exit()).as(namespaces.out()).isZero();
        assertThat(namespaces.out()).contains("kube-system").contains(namespace);

        Result version = kubectl("version");
        assertThat(version.exit()).as(version.out()).isZero();
        assertThat(version.out()).contains("Server Version: v1.32.0-j8s");
    }

    @Test
    void authCanIAnswersRightBeforeAndAfterARoleBinding() throws Exception {
        Result before = kubectl("--context", "dana", "auth", "can-i", "list", "pods");
        assertThat(before.out()).isEqualTo("no");
        assertThat(before.exit()).isEqualTo(1);

        Result bound = kubectl("create", "rolebinding", "dana-edit", "--clusterrole=edit", "--user=dana");
        assertThat(bound.exit()).as(bound.out()).isZero();
        assertThat(bound.out()).isEqualTo("rolebinding.rbac.authorization.k8s.io/dana-edit created");

        assertThat(kubectl("--context", "dana", "auth", "can-i", "create", "deployments")).isEqualTo(new Result(0, "yes"));
        assertThat(kubectl("--context", "dana", "auth", "can-i", "create", "deployments", "-n", "default"))
            .isEqualTo(new Result(1, "no"));
        assertThat(kubectl("--context", "dana", "auth", "can-i", "update", "pods", "--subresource=status").out())
            .isEqualTo("no");
        assertThat(kubectl("--context", "dana", "auth", "can-i", "update", "pods/web").out()).as("pods named web")
            .isEqualTo("yes");
        assertThat(kubectl("--context", "dana", "auth", "can-i", "create", "rolebindings").out()).isEqualTo("no");
        assertThat(kubectl("auth", "can-i", "*", "*").out()).as("the admin").isEqualTo("yes");

        Result list = kubectl("--context", "dana", "auth", "can-i", "--list");
        assertThat(list.exit()).as(list.out()).isZero();
        assertThat(list.out()).contains("deployments.apps").contains("selfsubjectaccessreviews.authorization.k8s.io");

        Result whoami = kubectl("--context", "dana", "auth", "whoami");
        assertThat(whoami.out()).contains("dana").contains("system:authenticated");
    }

    @Test
    void anAdminImpersonatesWithAsAndOthersMayNot() throws Exception {
        Result asDana = kubectl("auth", "can-i", "list", "pods", "-n", "kube-system", "--as", "dana");
        assertThat(asDana).isEqualTo(new Result(1, "no"));
        assertThat(kubectl("auth", "whoami", "--as", "dana", "--as-group", "qa").out())
            .contains("dana").contains("qa").contains("system:authenticated");

        Result escalate = kubectl("--context", "dana", "get", "pods", "--as", "admin");
        assertThat(escalate.exit()).isEqualTo(1);
        assertThat(escalate.out()).contains("Error from server (Forbidden): users \"admin\" is forbidden: User "
            + "\"dana\" cannot impersonate resource \"users\" in API group \"\" at the cluster scope");
    }

    @Test
    void deniedRequestsPrintKubeApiserversForbiddenMessage() throws Exception {
        Result denied = kubectl("--context", "dana", "get", "pods", "-n", "kube-system");
        assertThat(denied.exit()).isEqualTo(1);
        assertThat(denied.out()).contains("Error from server (Forbidden): pods is forbidden: User \"dana\" cannot "
            + "list resource \"pods\" in API group \"\" in the namespace \"kube-system\"");
    }
}
