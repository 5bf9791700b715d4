package io.j8s.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import com.marcnuri.helm.TemplateCommand;
import io.kubernetes.client.common.KubernetesObject;
import io.kubernetes.client.openapi.models.V1ConfigMap;
import io.kubernetes.client.openapi.models.V1Container;
import io.kubernetes.client.openapi.models.V1DaemonSet;
import io.kubernetes.client.openapi.models.V1Deployment;
import io.kubernetes.client.openapi.models.V1Job;
import io.kubernetes.client.openapi.models.V1LabelSelector;
import io.kubernetes.client.openapi.models.V1PodDisruptionBudget;
import io.kubernetes.client.openapi.models.V1PodTemplateSpec;
import io.kubernetes.client.openapi.models.V1Probe;
import io.kubernetes.client.openapi.models.V1Secret;
import io.kubernetes.client.openapi.models.V1Service;
import io.kubernetes.client.openapi.models.V1StatefulSet;
import io.kubernetes.client.openapi.models.V1Volume;
import io.kubernetes.client.openapi.models.V1VolumeMount;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.Yaml;

/** The Helm chart helm/j8s through the real Helm library: lint, and template with default and other values. */
class HelmChartTest {

    private static final Path CHART = Path.of(System.getProperty("j8s.chart", "../helm/j8s")).toAbsolutePath().normalize();
    private static final Path PRODUCTION_VALUES = Path.of("src/test/resources/values-production.yaml").toAbsolutePath();
    private static final List<String> LABELS = List.of("app.kubernetes.io/name", "app.kubernetes.io/instance",
        "app.kubernetes.io/component", "app.kubernetes.io/version", "app.kubernetes.io/part-of",
        "app.kubernetes.io/managed-by", "helm.sh/chart");

    @Test
    void lintFindsNothing() {
        LintResult lint = new Helm(CHART).lint().strict().call();

        assertThat(lint.isFailed()).as("helm lint --strict: %s", lint.getMessages()).isFalse();
        assertThat(lint.getMessages()).noneMatch(m -> m.contains("[ERROR]") || m.contains("[WARNING]"));
    }

    @Test
    void lintReportsABrokenTemplate(@TempDir Path copy) throws IOException {
        // the lint above must be able to fail: the same chart with one template that does not parse
        copyChart(copy);
        Files.writeString(copy.resolve("templates/broken.yaml"), "{{ if .Values.apiServer }}\nkind: ConfigMap\n");

        LintResult lint = new Helm(copy).lint().strict().call();

        assertThat(lint.isFailed()).isTrue();
        assertThat(lint.getMessages()).anyMatch(m -> m.contains("[ERROR]") && m.contains("broken.yaml"));
    }

    @Test
    void defaultValuesDeployTheWholeClusterWithItsOwnEtcdAndRedis() {
        RenderedObjects rendered = render(template().withName("j8s").withNamespace("j8s-system"));

        V1StatefulSet etcd = rendered.one(V1StatefulSet.class, "j8s-etcd");
        assertThat(etcd.getSpec().getReplicas()).isEqualTo(3);
        assertThat(etcd.getSpec().getPodManagementPolicy()).isEqualTo("Parallel");
        assertThat(etcd.getSpec().getServiceName()).isEqualTo("j8s-etcd-headless");
        assertThat(etcd.getSpec().getVolumeClaimTemplates()).singleElement()
            .satisfies(pvc -> assertThat(pvc.getSpec().getResources().getRequests().get("storage").toSuffixedString()).isEqualTo("1Gi"));
        assertThat(container(etcd.getSpec().getTemplate()).getArgs()).contains(
            "--initial-cluster=j8s-etcd-0=http://j8s-etcd-0.j8s-etcd-headless.j8s-system.svc.cluster.local:2380,"
                + "j8s-etcd-1=http://j8s-etcd-1.j8s-etcd-headless.j8s-system.svc.cluster.local:2380,"
                + "j8s-etcd-2=http://j8s-etcd-2.j8s-etcd-headless.j8s-system.svc.cluster.local:2380");
        assertThat(rendered.one(V1Service.class, "j8s-etcd-headless").getSpec().getPublishNotReadyAddresses()).isTrue();
        assertThat(rendered.one(V1Deployment.class, "j8s-redis").getSpec().getReplicas()).isEqualTo(1);

        V1Deployment apiServer = rendered.one(V1Deployment.class, "j8s-api-server");
        assertThat(apiServer.getSpec().getReplicas()).isEqualTo(2);
        assertThat(container(apiServer.getSpec().getTemplate()).getImage()).isEqualTo("j8s.local/api-server:0.1.0-SNAPSHOT");
        assertThat(rendered.one(V1Service.class, "j8s-api-server").getSpec().getPorts()).singleElement()
            .satisfies(port -> assertThat(port.getPort()).isEqualTo(8080));
        Map<String, Object> apiConfig = applicationYaml(rendered, "j8s-api-server");
        assertThat(path(apiConfig, "j8s", "etcd", "endpoints")).isEqualTo(
            "http://j8s-etcd-0.j8s-etcd-headless.j8s-system.svc.cluster.local:2379,"
                + "http://j8s-etcd-1.j8s-etcd-headless.j8s-system.svc.cluster.local:2379,"
                + "http://j8s-etcd-2.j8s-etcd-headless.j8s-system.svc.cluster.local:2379");
        assertThat(path(apiConfig, "spring", "data", "redis", "host")).isEqualTo("j8s-redis.j8s-system.svc.cluster.local");
        assertThat(path(apiConfig, "management", "endpoint", "health", "group", "readiness", "include"))
            .isEqualTo("readinessState,etcd");

        for (String leaderElected : List.of("j8s-scheduler", "j8s-controller-manager")) {
            assertThat(rendered.one(V1Deployment.class, leaderElected).getSpec().getReplicas()).isEqualTo(2);
            assertThat(path(applicationYaml(rendered, leaderElected), "j8s", "api-server-url"))
                .isEqualTo("https://j8s-api-server.j8s-system.svc.cluster.local:8080");
            assertThat(rendered.one(V1PodDisruptionBudget.class, leaderElected).getSpec().getMaxUnavailable().getIntValue()).isEqualTo(1);
        }

        V1DaemonSet nodeAgent = rendered.one(V1DaemonSet.class, "j8s-node-agent");
        var agentPod = nodeAgent.getSpec().getTemplate().getSpec();
        assertThat(agentPod.getHostNetwork()).isTrue();
        assertThat(agentPod.getTolerations()).singleElement().satisfies(t -> assertThat(t.getOperator()).isEqualTo("Exists"));
        assertThat(agentPod.getVolumes()).filteredOn(volume -> volume.getHostPath() != null).singleElement()
            .satisfies(volume -> {
                assertThat(volume.getHostPath().getPath()).isEqualTo("/var/run/docker.sock");
                assertThat(volume.getHostPath().getType()).isEqualTo("Socket");
            });
        assertThat(container(nodeAgent.getSpec().getTemplate()).getArgs())
            .containsExactly("--j8s.node-agent.node-name=$(NODE_NAME)", "--j8s.node-agent.advertise-address=$(HOST_IP)");
        assertThat(container(nodeAgent.getSpec().getTemplate()).getPorts().get(0).getContainerPort())
            .as("not the real kubelet's 10250 on the host network").isEqualTo(10350);
        assertThat(path(applicationYaml(rendered, "j8s-node-agent"), "j8s", "node-agent", "docker", "host"))
            .isEqualTo("unix:///var/run/j8s/runtime.sock");

        assertThat(rendered.one(V1Deployment.class, "j8s-proxy").getSpec().getReplicas()).isEqualTo(2);
        assertThat(rendered.one(V1Service.class, "j8s-proxy").getSpec().getPorts()).singleElement().satisfies(port -> {
            assertThat(port.getPort()).isEqualTo(80);
            assertThat(port.getTargetPort().getStrValue()).isEqualTo("service");
        });
        assertThat(path(applicationYaml(rendered, "j8s-proxy"), "j8s", "proxy", "port")).isEqualTo(10280);

        everyObjectIsLabelledAndEveryPodIsProbedAndBounded(rendered);
        assertThat(List.of(apiServer.getSpec().getTemplate(), rendered.one(V1Deployment.class, "j8s-scheduler").getSpec().getTemplate()))
            .allSatisfy(pod -> {
                assertThat(pod.getSpec().getSecurityContext().getRunAsNonRoot()).isTrue();
                assertThat(container(pod).getSecurityContext().getReadOnlyRootFilesystem()).isTrue();
            });
    }

    @Test
    void aProductionValuesFileUsesExternalEtcdAndRedisAndItsOwnRegistry() {
        RenderedObjects rendered = render(template().withName("prod").withNamespace("platform")
            .withValuesFile(PRODUCTION_VALUES));

        assertThat(rendered.all(V1StatefulSet.class)).isEmpty();
        assertThat(rendered.names()).noneMatch(name -> name.contains("redis"));
        Map<String, Object> apiConfig = applicationYaml(rendered, "j8s-prod-api-server");
        assertThat(path(apiConfig, "j8s", "etcd", "endpoints"))
            .isEqualTo("https://etcd-a.example.com:2379,https://etcd-b.example.com:2379,https://etcd-c.example.com:2379");
        assertThat(path(apiConfig, "spring", "data", "redis", "host")).isEqualTo("redis.example.com");
        assertThat(path(apiConfig, "spring", "data", "redis", "port")).isEqualTo(6380);
        assertThat(path(apiConfig, "j8s", "watch", "bookmark-interval")).as("config merged in").isEqualTo("30s");

        V1Deployment apiServer = rendered.one(V1Deployment.class, "j8s-prod-api-server");
        assertThat(apiServer.getSpec().getReplicas()).isEqualTo(3);
        V1Container api = container(apiServer.getSpec().getTemplate());
        assertThat(api.getImage()).isEqualTo("registry.example.com/j8s/api-server:1.2.3");
        assertThat(api.getImagePullPolicy()).isEqualTo("Always");
        assertThat(api.getEnv()).anySatisfy(env -> {
            assertThat(env.getName()).isEqualTo("JAVA_OPTS");
            assertThat(env.getValue()).isEqualTo("-Xmx1g -XX:+UseG1GC");
        });
        assertThat(api.getResources().getLimits().get("cpu").toSuffixedString()).isEqualTo("2");
        assertThat(apiServer.getSpec().getTemplate().getSpec().getImagePullSecrets()).singleElement()
            .satisfies(secret -> assertThat(secret.getName()).isEqualTo("registry-credentials"));
        assertThat(apiServer.getSpec().getTemplate().getSpec().getNodeSelector()).containsKey("node-role.kubernetes.io/control-plane");
        V1Service apiService = rendered.one(V1Service.class, "j8s-prod-api-server");
        assertThat(apiService.getSpec().getType()).isEqualTo("NodePort");
        assertThat(apiService.getSpec().getPorts().get(0).getNodePort()).isEqualTo(30443);

        Map<String, Object> schedulerConfig = applicationYaml(rendered, "j8s-prod-scheduler");
        assertThat(path(schedulerConfig, "j8s", "scheduler", "percentage-of-nodes-to-score")).isEqualTo(50);
        assertThat(path(schedulerConfig, "j8s", "api-server-url")).isEqualTo("https://j8s-prod-api-server.platform.svc.k8s.internal:443");
        assertThat(rendered.one(V1Deployment.class, "j8s-prod-controller-manager").getSpec().getReplicas()).isEqualTo(1);
        assertThat(rendered.all(V1PodDisruptionBudget.class)).extracting(pdb -> pdb.getMetadata().getName())
            .as("no budget for a single replica or a DaemonSet")
            .containsExactlyInAnyOrder("j8s-prod-api-server", "j8s-prod-scheduler");

        V1DaemonSet nodeAgent = rendered.one(V1DaemonSet.class, "j8s-prod-node-agent");
        assertThat(nodeAgent.getSpec().getTemplate().getSpec().getVolumes()).filteredOn(volume -> volume.getHostPath() != null)
            .singleElement().satisfies(volume -> assertThat(volume.getHostPath().getPath()).isEqualTo("/run/cri-dockerd.sock"));
        assertThat(path(applicationYaml(rendered, "j8s-prod-node-agent"), "j8s", "node-agent", "network", "host-port-range"))
            .isEqualTo("41000-41999");
        assertThat(nodeAgent.getSpec().getTemplate().getMetadata().getAnnotations()).containsEntry("example.com/scrape", "true");

        V1DaemonSet proxy = rendered.one(V1DaemonSet.class, "j8s-prod-proxy");
        assertThat(container(proxy.getSpec().getTemplate()).getPorts())
            .anySatisfy(port -> assertThat(port.getContainerPort()).isEqualTo(18080));
        assertThat(rendered.one(V1Service.class, "j8s-prod-proxy").getSpec().getType()).isEqualTo("LoadBalancer");

        everyObjectIsLabelledAndEveryPodIsProbedAndBounded(rendered);
        assertThat(rendered.objects()).allSatisfy(o -> assertThat(o.getMetadata().getLabels()).containsEntry("team", "platform"));
    }

    @Test
    void moreEtcdMembersWithoutPersistence() {
        RenderedObjects rendered = render(template().withName("big").withNamespace("default")
            .set("etcd.replicas", 5).set("etcd.persistence.enabled", false));

        V1StatefulSet etcd = rendered.one(V1StatefulSet.class, "big-j8s-etcd");
        assertThat(etcd.getSpec().getReplicas()).isEqualTo(5);
        assertThat(etcd.getSpec().getVolumeClaimTemplates()).isNullOrEmpty();
        assertThat(etcd.getSpec().getTemplate().getSpec().getVolumes())
            .anySatisfy(volume -> assertThat(volume.getEmptyDir()).isNotNull());
        assertThat(((String) path(applicationYaml(rendered, "big-j8s-api-server"), "j8s", "etcd", "endpoints")).split(","))
            .hasSize(5);
    }

    @Test
    void anExternalEtcdWithoutEndpointsIsRefusedWithAMessage() {
        assertThatThrownBy(() -> template().withName("j8s").set("etcd.enabled", false).call())
            .hasMessageContaining("externalEtcd.endpoints must list the etcd client URLs");
    }

    @Test
    void strictParsingRefusesAFieldTheModelDoesNotHave() {
        // the check every rendered object goes through must be able to fail
        Map<String, Object> deployment = Map.of("apiVersion", "apps/v1", "kind", "Deployment",
            "metadata", Map.of("name", "web"),
            "spec", Map.of("replica", 2, "selector", Map.of("matchLabels", Map.of("app", "web")),
                "template", Map.of("metadata", Map.of("labels", Map.of("app", "web")),
                    "spec", Map.of("containers", List.of(Map.of("name", "web", "image", "busybox"))))));

        assertThatThrownBy(() -> RenderedObjects.strict(deployment)).hasMessageContaining("replica");
        assertThatThrownBy(() -> RenderedObjects.strict(Map.of("apiVersion", "v1", "kind", "Service",
            "metadata", Map.of("name", "web"), "spec", Map.of("ports", List.of(Map.of("port", "eighty"))))))
            .hasMessageContaining("web");
    }

    @Test
    void theApiServerServesHttpsWithAGeneratedCertificateAndEveryComponentHasOnlyItsOwnToken() throws Exception {
        RenderedObjects rendered = render(template().withName("j8s").withNamespace("j8s-system"));

        // the certificate names the Service as clients reach it and verifies against the CA the components trust
        V1Secret tls = rendered.one(V1Secret.class, "j8s-tls");
        assertThat(tls.getType()).isEqualTo("kubernetes.io/tls");
        assertThat(tls.getData()).containsOnlyKeys("tls.crt", "tls.key", "ca.crt");
        X509Certificate serving = certificate(tls.getData().get("tls.crt"));
        X509Certificate ca = certificate(tls.getData().get("ca.crt"));
        serving.verify(ca.getPublicKey());
        serving.checkValidity();
        assertThat(serving.getSubjectAlternativeNames().stream().map(san -> String.valueOf(san.get(1))).toList()).contains(
            "j8s-api-server", "j8s-api-server.j8s-system", "j8s-api-server.j8s-system.svc",
            "j8s-api-server.j8s-system.svc.cluster.local", "localhost", "127.0.0.1");
        assertThat(new String(tls.getData().get("tls.key"), StandardCharsets.US_ASCII)).contains("PRIVATE KEY");

        // one random token per identity, and the token file the API servers read, made from the same tokens
        Map<String, byte[]> tokens = rendered.one(V1Secret.class, "j8s-tokens").getData();
        assertThat(tokens).containsOnlyKeys("admin", "scheduler", "controller-manager", "proxy", "node-agent");
        Set<String> distinct = new HashSet<>();
        tokens.values().forEach(token -> distinct.add(new String(token, StandardCharsets.US_ASCII)));
        assertThat(distinct).hasSize(5).allMatch(token -> token.matches("[A-Za-z0-9]{48}"));
        String tokenFile = new String(rendered.one(V1Secret.class, "j8s-token-file").getData().get("tokens.csv"),
            StandardCharsets.UTF_8);
        assertThat(tokenFile.lines()).containsExactlyInAnyOrder(
            token(tokens, "admin") + ",admin,admin,\"system:masters\"",
            token(tokens, "scheduler") + ",system:kube-scheduler,system:kube-scheduler,\"\"",
            token(tokens, "controller-manager") + ",system:kube-controller-manager,system:kube-controller-manager,\"\"",
            token(tokens, "proxy") + ",system:kube-proxy,system:kube-proxy,\"\"",
            token(tokens, "node-agent") + ",system:j8s:node-agent,system:j8s:node-agent,\"system:j8s:node-agents\"");

        // the API server: HTTPS from the Secret's files, the token file, the audit log, probes over HTTPS
        Map<String, Object> apiConfig = applicationYaml(rendered, "j8s-api-server");
        assertThat(path(apiConfig, "j8s", "security", "insecure")).isEqualTo(false);
        assertThat(path(apiConfig, "j8s", "security", "tls", "cert-file")).isEqualTo("/var/run/secrets/j8s/tls/tls.crt");
        assertThat(path(apiConfig, "j8s", "security", "tls", "key-file")).isEqualTo("/var/run/secrets/j8s/tls/tls.key");
        assertThat(((Map<?, ?>) path(apiConfig, "j8s", "security", "tls")).containsKey("client-ca-file"))
            .as("no client CA unless asked for").isFalse();
        assertThat(path(apiConfig, "j8s", "security", "authentication", "token-auth-file"))
            .isEqualTo("/var/run/secrets/j8s/token-file/tokens.csv");
        assertThat(path(apiConfig, "j8s", "audit", "log-path")).isEqualTo("-");
        V1PodTemplateSpec apiPod = rendered.one(V1Deployment.class, "j8s-api-server").getSpec().getTemplate();
        assertThat(secretVolume(apiPod, "/var/run/secrets/j8s/tls").getSecret().getSecretName()).isEqualTo("j8s-tls");
        assertThat(secretVolume(apiPod, "/var/run/secrets/j8s/tls").getSecret().getItems())
            .extracting(item -> item.getKey()).containsExactly("tls.crt", "tls.key");
        assertThat(secretVolume(apiPod, "/var/run/secrets/j8s/token-file").getSecret().getSecretName())
            .isEqualTo("j8s-token-file");
        V1Container api = container(apiPod);
        assertThat(List.of(api.getStartupProbe(), api.getLivenessProbe(), api.getReadinessProbe()))
            .extracting(probe -> probe.getHttpGet().getScheme() + " " + probe.getHttpGet().getPath())
            .containsExactly("HTTPS /livez", "HTTPS /livez", "HTTPS /readyz");
        assertThat(rendered.one(V1Service.class, "j8s-api-server").getSpec().getPorts().get(0).getName()).isEqualTo("https");

        // every other component: the CA and its own token only, and the settings that point at them
        Map<String, String> identities = Map.of("j8s-scheduler", "scheduler", "j8s-controller-manager", "controller-manager",
            "j8s-proxy", "proxy", "j8s-node-agent", "node-agent");
        identities.forEach((component, identity) -> {
            V1PodTemplateSpec pod = component.equals("j8s-node-agent")
                ? rendered.one(V1DaemonSet.class, component).getSpec().getTemplate()
                : rendered.one(V1Deployment.class, component).getSpec().getTemplate();
            V1Volume token = secretVolume(pod, "/var/run/secrets/j8s/token");
            assertThat(token.getSecret().getSecretName()).isEqualTo("j8s-tokens");
            assertThat(token.getSecret().getItems()).as("%s mounts only its own token", component).singleElement()
                .satisfies(item -> {
                    assertThat(item.getKey()).isEqualTo(identity);
                    assertThat(item.getPath()).isEqualTo("token");
                });
            V1Volume trusted = secretVolume(pod, "/var/run/secrets/j8s/ca");
            assertThat(trusted.getSecret().getItems()).as("%s gets the CA, not the key", component).singleElement()
                .satisfies(item -> assertThat(item.getKey()).isEqualTo("ca.crt"));
            Map<String, Object> config = applicationYaml(rendered, component);
            assertThat(path(config, "j8s", "api-server", "ca-file")).isEqualTo("/var/run/secrets/j8s/ca/ca.crt");
            assertThat(path(config, "j8s", "api-server", "token-file")).isEqualTo("/var/run/secrets/j8s/token/token");
            assertThat(container(pod).getVolumeMounts()).filteredOn(m -> m.getMountPath().startsWith("/var/run/secrets/j8s"))
                .allSatisfy(m -> assertThat(m.getReadOnly()).isTrue());
        });
        assertThat(rendered.one(V1DaemonSet.class, "j8s-node-agent").getSpec().getTemplate().getSpec().getVolumes())
            .as("the node agent keeps its runtime socket").anySatisfy(v -> assertThat(v.getHostPath()).isNotNull());
    }

    @Test
    void anExistingTlsSecretIsUsedAndItsCaCanAuthenticateClientCertificates() {
        RenderedObjects rendered = render(template().withName("j8s").withNamespace("j8s")
            .set("security.tls.existingSecret", "api-cert").set("security.tls.clientCaKey", "ca.crt"));

        assertThat(rendered.all(V1Secret.class)).extracting(secret -> secret.getMetadata().getName())
            .containsExactlyInAnyOrder("j8s-tokens", "j8s-token-file");
        V1PodTemplateSpec apiPod = rendered.one(V1Deployment.class, "j8s-api-server").getSpec().getTemplate();
        assertThat(secretVolume(apiPod, "/var/run/secrets/j8s/tls").getSecret().getSecretName()).isEqualTo("api-cert");
        assertThat(secretVolume(apiPod, "/var/run/secrets/j8s/tls").getSecret().getItems())
            .extracting(item -> item.getKey() + "->" + item.getPath())
            .containsExactly("tls.crt->tls.crt", "tls.key->tls.key", "ca.crt->client-ca.crt");
        assertThat(path(applicationYaml(rendered, "j8s-api-server"), "j8s", "security", "tls", "client-ca-file"))
            .isEqualTo("/var/run/secrets/j8s/tls/client-ca.crt");
        assertThat(secretVolume(rendered.one(V1Deployment.class, "j8s-scheduler").getSpec().getTemplate(),
            "/var/run/secrets/j8s/ca").getSecret().getSecretName()).isEqualTo("api-cert");
    }

    @Test
    void insecureModeRendersNoCredentialsAndPlainHttp() {
        RenderedObjects rendered = render(template().withName("j8s").withNamespace("dev").set("security.insecure", true));

        assertThat(rendered.all(V1Secret.class)).isEmpty();
        assertThat(path(applicationYaml(rendered, "j8s-api-server"), "j8s", "security", "insecure")).isEqualTo(true);
        assertThat(path(applicationYaml(rendered, "j8s-scheduler"), "j8s", "api-server-url"))
            .isEqualTo("http://j8s-api-server.dev.svc.cluster.local:8080");
        assertThat(((Map<?, ?>) path(applicationYaml(rendered, "j8s-scheduler"), "j8s")).containsKey("api-server")).isFalse();
        V1Probe readiness = container(rendered.one(V1Deployment.class, "j8s-api-server").getSpec().getTemplate())
            .getReadinessProbe();
        assertThat(readiness.getHttpGet().getScheme()).isEqualTo("HTTP");
    }

    @Test
    void theNodeAgentsRbacBootstrapJobParsesAndBindsOnlyTheNodeAgentGroup(@TempDir Path copy) throws IOException {
        // helm-java's template leaves hooks out of its output: render a copy of the chart whose hook is a plain Job
        copyChart(copy);
        Path job = copy.resolve("templates/rbac-bootstrap.yaml");
        String template = Files.readString(job);
        assertThat(template).contains("helm.sh/hook: post-install,post-upgrade");
        Files.writeString(job, template.replaceAll("(?m)^\\s+helm\\.sh/hook.*\\n", ""));

        RenderedObjects rendered = render(new Helm(copy).template().withKubeVersion("v1.32.0").withName("j8s")
            .withNamespace("j8s-system").set("security.lookupExistingSecrets", false));

        V1Job bootstrap = rendered.one(V1Job.class, "j8s-rbac-bootstrap");
        var pod = bootstrap.getSpec().getTemplate().getSpec();
        assertThat(pod.getAutomountServiceAccountToken()).isFalse();
        V1Container c = pod.getContainers().get(0);
        assertThat(c.getEnv()).singleElement().satisfies(env ->
            assertThat(env.getValue()).isEqualTo("https://j8s-api-server.j8s-system.svc.cluster.local:8080"));
        assertThat(pod.getVolumes()).filteredOn(v -> v.getSecret() != null && "j8s-tokens".equals(v.getSecret().getSecretName()))
            .singleElement().satisfies(v -> assertThat(v.getSecret().getItems()).singleElement()
                .satisfies(item -> assertThat(item.getKey()).isEqualTo("admin")));
        String script = String.join("\n", c.getArgs());
        assertThat(script).contains("\"name\":\"system:j8s:node-agents\"", "kube-node-lease", "\"leases\"")
            .doesNotContain("\"create\",\"delete\",\"get\"").doesNotContain("\"*\"");
        assertThat(render(template().withName("j8s").set("nodeAgent.enabled", false)).all(V1Job.class)).isEmpty();
    }

    /** helm template for a cluster of the Kubernetes version j8s speaks (Helm's default is older than the chart allows). */
    private static TemplateCommand template() {
        // helm-java's template reaches for a cluster on `lookup`, where `helm template` would not: no lookups here
        return new Helm(CHART).template().withKubeVersion("v1.32.0").set("security.lookupExistingSecrets", false);
    }

    private static void copyChart(Path copy) throws IOException {
        try (var files = Files.walk(CHART)) {
            for (Path source : files.toList()) {
                Path target = copy.resolve(CHART.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(source, target);
                }
            }
        }
    }

    private static X509Certificate certificate(byte[] pem) throws Exception {
        return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(pem));
    }

    private static String token(Map<String, byte[]> tokens, String key) {
        return new String(tokens.get(key), StandardCharsets.US_ASCII);
    }

    /** The Secret volume a pod's first container mounts at mountPath. */
    private static V1Volume secretVolume(V1PodTemplateSpec pod, String mountPath) {
        V1VolumeMount mount = container(pod).getVolumeMounts().stream().filter(m -> m.getMountPath().equals(mountPath))
            .findFirst().orElseThrow(() -> new AssertionError("nothing mounted at " + mountPath));
        V1Volume volume = pod.getSpec().getVolumes().stream().filter(v -> v.getName().equals(mount.getName()))
            .findFirst().orElseThrow();
        assertThat(volume.getSecret()).as("%s is a Secret", mountPath).isNotNull();
        return volume;
    }

    private static RenderedObjects render(TemplateCommand template) {
        return RenderedObjects.parse(template.call());
    }

    private static void everyObjectIsLabelledAndEveryPodIsProbedAndBounded(RenderedObjects rendered) {
        assertThat(rendered.objects()).isNotEmpty().allSatisfy(o ->
            assertThat(o.getMetadata().getLabels()).as("labels of %s/%s", o.getKind(), o.getMetadata().getName())
                .containsKeys(LABELS.toArray(String[]::new)));
        for (KubernetesObject o : rendered.objects()) {
            V1PodTemplateSpec pod;
            V1LabelSelector selector;
            if (o instanceof V1Deployment d) {
                pod = d.getSpec().getTemplate();
                selector = d.getSpec().getSelector();
            } else if (o instanceof V1StatefulSet sts) {
                pod = sts.getSpec().getTemplate();
                selector = sts.getSpec().getSelector();
            } else if (o instanceof V1DaemonSet ds) {
                pod = ds.getSpec().getTemplate();
                selector = ds.getSpec().getSelector();
            } else {
                continue;
            }
            String name = o.getKind() + "/" + o.getMetadata().getName();
            assertThat(pod.getMetadata().getLabels()).as("%s selects its own pods", name)
                .containsAllEntriesOf(selector.getMatchLabels());
            assertThat(pod.getSpec().getAutomountServiceAccountToken()).as("%s: no token of the hosting cluster", name).isFalse();
            for (V1Container c : pod.getSpec().getContainers()) {
                assertThat(c.getResources().getRequests()).as("%s requests", name).containsKeys("cpu", "memory");
                assertThat(c.getResources().getLimits()).as("%s limits", name).containsKey("memory");
                assertThat(c.getLivenessProbe()).as("%s liveness probe", name).isNotNull();
                assertThat(c.getReadinessProbe()).as("%s readiness probe", name).isNotNull();
            }
        }
    }

    private static V1Container container(V1PodTemplateSpec pod) {
        return pod.getSpec().getContainers().get(0);
    }

    private static Map<String, Object> applicationYaml(RenderedObjects rendered, String configMap) {
        String yaml = rendered.one(V1ConfigMap.class, configMap).getData().get("application.yml");
        return new Yaml().load(yaml);
    }

    @SuppressWarnings("unchecked")
    private static Object path(Map<String, Object> map, String... keys) {
        Object current = map;
        for (String key : keys) {
            assertThat(current).as("%s in %s", key, map).isInstanceOf(Map.class);
            current = ((Map<String, Object>) current).get(key);
        }
        return current;
    }
}
