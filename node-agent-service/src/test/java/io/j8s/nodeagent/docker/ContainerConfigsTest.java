package io.j8s.nodeagent.docker;

import static org.assertj.core.api.Assertions.assertThat;

import io.j8s.common.api.core.Container;
import io.j8s.common.api.core.EnvVar;
import io.j8s.common.api.core.Pod;
import io.j8s.common.api.core.PodSpec;
import io.j8s.common.api.core.ResourceRequirements;
import io.j8s.common.api.meta.ObjectMeta;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ContainerConfigsTest {

    private static final Pod POD = Pod.of(ObjectMeta.of("ns", "web-1").withUid("u-1").withLabels(Map.of("app", "web")),
        PodSpec.of(List.of()).withNodeName("node-1"));

    @Test
    void environmentReadsTheDownwardApiAndExpandsEarlierVariables() {
        Container container = Container.of("c", "img").withEnv(List.of(
            EnvVar.fromField("POD_NAME", "metadata.name"),
            EnvVar.fromField("POD_IP", "status.podIP"),
            EnvVar.fromField("NODE", "spec.nodeName"),
            EnvVar.fromField("APP", "metadata.labels['app']"),
            EnvVar.of("GREETING", "hello $(POD_NAME) on $(NODE), $(UNKNOWN) costs $$5")));

        List<String> env = ContainerConfigs.environment(POD, container, "127.0.0.1", "10.0.0.1");

        assertThat(env).containsExactly("POD_NAME=web-1", "POD_IP=127.0.0.1", "NODE=node-1", "APP=web",
            "GREETING=hello web-1 on node-1, $(UNKNOWN) costs $5");
        assertThat(ContainerConfigs.expandAll(List.of("echo", "$(POD_NAME)"), ContainerConfigs.environmentMap(env)))
            .containsExactly("echo", "web-1");
    }

    @Test
    void limitsBecomeCpuQuotaSharesAndMemoryAsTheKubeletSetsThem() {
        Container container = Container.of("c", "img").withResources(ResourceRequirements.of(
            Map.of("cpu", "250m"), Map.of("cpu", "500m", "memory", "64Mi")));

        ContainerConfigs.Limits limits = ContainerConfigs.limits(container);

        assertThat(limits.cpuQuotaMicros()).isEqualTo(50_000L);
        assertThat(limits.cpuPeriodMicros()).isEqualTo(100_000L);
        assertThat(limits.cpuShares()).isEqualTo(256);
        assertThat(limits.memoryBytes()).isEqualTo(64L * 1024 * 1024);
        assertThat(ContainerConfigs.limits(Container.of("c", "img")))
            .isEqualTo(new ContainerConfigs.Limits(null, null, null, null));
    }

    @Test
    void imagesSplitIntoRepositoryAndTagAndTheDefaultPullPolicyFollowsTheTag() {
        assertThat(ImageReference.parse("registry:5000/team/app:1.2"))
            .isEqualTo(new ImageReference("registry:5000/team/app", "1.2"));
        assertThat(ImageReference.parse("busybox")).isEqualTo(new ImageReference("busybox", "latest"));
        assertThat(ImageReference.defaultPullPolicy("j8s.local/busybox:1.36")).isEqualTo("IfNotPresent");
        assertThat(ImageReference.defaultPullPolicy("busybox")).isEqualTo("Always");
        assertThat(ImageReference.defaultPullPolicy("busybox:latest")).isEqualTo("Always");
    }
}
