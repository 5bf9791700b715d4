package io.j8s.controller.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import io.j8s.common.api.core.Container;
import io.j8s.common.api.core.PodSpec;
import io.j8s.common.api.core.PodTemplateSpec;
import io.j8s.common.api.meta.ObjectMeta;
import io.j8s.common.json.Json;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PodTemplateHashTest {

    private static PodTemplateSpec template(String image, Map<String, String> labels) {
        return PodTemplateSpec.of(ObjectMeta.of(null, null).withLabels(labels),
            PodSpec.of(List.of(Container.of("web", image))));
    }

    @Test
    void theSameTemplateHashesTheSameInEveryProcess() {
        PodTemplateSpec t = template("nginx:1.25", Map.of("app", "web"));
        // A fixed value: a change here renames every Deployment's ReplicaSets after an upgrade.
        assertThat(PodTemplateHash.compute(t, null)).isEqualTo(PodTemplateHash.compute(t, null)).isEqualTo("59bd5955b7");
    }

    @Test
    void keyOrderAndJsonRoundTripsDoNotChangeTheHash() {
        Map<String, String> ab = new LinkedHashMap<>();
        ab.put("a", "1");
        ab.put("b", "2");
        Map<String, String> ba = new LinkedHashMap<>();
        ba.put("b", "2");
        ba.put("a", "1");
        PodTemplateSpec first = template("nginx:1.25", ab);
        PodTemplateSpec roundTripped = Json.read(Json.write(template("nginx:1.25", ba)), PodTemplateSpec.class);
        assertThat(PodTemplateHash.compute(roundTripped, null)).isEqualTo(PodTemplateHash.compute(first, null));
    }

    @Test
    void anotherTemplateOrCollisionCountHashesDifferently() {
        PodTemplateSpec v1 = template("nginx:1.25", Map.of("app", "web"));
        PodTemplateSpec v2 = template("nginx:1.26", Map.of("app", "web"));
        assertThat(PodTemplateHash.compute(v1, null)).isNotEqualTo(PodTemplateHash.compute(v2, null));
        assertThat(PodTemplateHash.compute(v1, 1)).isNotEqualTo(PodTemplateHash.compute(v1, null))
            .isNotEqualTo(PodTemplateHash.compute(v1, 2));
    }

    @Test
    void hashesUseOnlyTheSafeAlphabet() {
        for (int i = 0; i < 50; i++) {
            assertThat(PodTemplateHash.compute(template("img:" + i, Map.of("app", "web")), null))
                .matches("[bcdfghjklmnpqrstvwxz2456789]+");
        }
        // Kubernetes' SafeEncodeString maps each character by its code modulo the alphabet's length.
        assertThat(PodTemplateHash.safeEncode("0123456789")).isEqualTo("456789bcdf");
    }

    @Test
    void equalityIgnoresTheHashLabelAndEmptyMaps() {
        PodTemplateSpec deployment = template("nginx:1.25", Map.of("app", "web"));
        PodTemplateSpec replicaSet = template("nginx:1.25", Map.of("app", "web", PodTemplateHash.LABEL, "abc"));
        assertThat(PodTemplateHash.equalIgnoringHash(deployment, replicaSet)).isTrue();
        PodTemplateSpec withEmptyAnnotations = PodTemplateSpec.of(
            ObjectMeta.of(null, null).withLabels(Map.of("app", "web")).withAnnotations(Map.of()),
            PodSpec.of(List.of(Container.of("web", "nginx:1.25"))));
        assertThat(PodTemplateHash.equalIgnoringHash(deployment, withEmptyAnnotations)).isTrue();
        assertThat(PodTemplateHash.equalIgnoringHash(deployment, template("nginx:1.26", Map.of("app", "web")))).isFalse();
        assertThat(PodTemplateHash.equalIgnoringHash(deployment, template("nginx:1.25", Map.of("app", "api")))).isFalse();
    }
}
