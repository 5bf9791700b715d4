package io.j8s.apiserver.rbac;

import static org.assertj.core.api.Assertions.assertThat;

import io.j8s.common.api.rbac.PolicyRule;
import java.util.List;
import org.junit.jupiter.api.Test;

class EscalationTest {

    private static PolicyRule rule(List<String> verbs, String group, String... resources) {
        return PolicyRule.resources(verbs, List.of(group), List.of(resources));
    }

    @Test
    void aUserCoversRulesItHoldsWhollyOrByWildcard() {
        List<PolicyRule> owner = List.of(rule(List.of("get", "list"), "", "pods", "services"),
            rule(List.of("*"), "apps", "deployments"));

        assertThat(Escalation.uncovered(owner, List.of(rule(List.of("get"), "", "pods")))).isEmpty();
        assertThat(Escalation.uncovered(owner, List.of(rule(List.of("update", "delete"), "apps", "deployments"))))
            .isEmpty();
        assertThat(Escalation.uncovered(owner, List.of(rule(List.of("get", "create"), "", "pods"))))
            .containsExactly(rule(List.of("create"), "", "pods"));
    }

    @Test
    void subresourcesNeedTheirOwnGrantOrAStarSlashRule() {
        List<PolicyRule> owner = List.of(rule(List.of("update"), "", "pods"), rule(List.of("get"), "", "*/log"));

        assertThat(Escalation.uncovered(owner, List.of(rule(List.of("update"), "", "pods/status")))).hasSize(1);
        assertThat(Escalation.uncovered(owner, List.of(rule(List.of("get"), "", "pods/log")))).isEmpty();
    }

    @Test
    void resourceNamesNarrowAndCannotWiden() {
        List<PolicyRule> named = List.of(rule(List.of("get"), "", "configmaps").withResourceNames(List.of("a")));

        assertThat(Escalation.uncovered(named, List.of(rule(List.of("get"), "", "configmaps")
            .withResourceNames(List.of("a"))))).isEmpty();
        assertThat(Escalation.uncovered(named, List.of(rule(List.of("get"), "", "configmaps")))).hasSize(1);
        assertThat(Escalation.uncovered(named, List.of(rule(List.of("get"), "", "configmaps")
            .withResourceNames(List.of("a", "b"))))).hasSize(1);
    }

    @Test
    void nonResourceUrlsCoverByPrefix() {
        List<PolicyRule> owner = List.of(PolicyRule.urls(List.of("get"), List.of("/apis/*")));

        assertThat(Escalation.uncovered(owner, List.of(PolicyRule.urls(List.of("get"), List.of("/apis/apps/v1")))))
            .isEmpty();
        assertThat(Escalation.uncovered(owner, List.of(PolicyRule.urls(List.of("get"), List.of("/metrics")))))
            .hasSize(1);
    }

    @Test
    void editIsCoveredByAdminButAdminIsNotCoveredByEdit() {
        List<PolicyRule> admin = rules("admin");
        List<PolicyRule> edit = rules("edit");

        assertThat(Escalation.uncovered(admin, edit)).isEmpty();
        assertThat(Escalation.uncovered(edit, admin)).isNotEmpty();
        assertThat(Escalation.uncovered(rules("cluster-admin"), admin)).isEmpty();
    }

    @Test
    void missingRulesAreListedAsKubeApiserverListsThem() {
        assertThat(Escalation.describe(List.of(rule(List.of("create"), "apps", "deployments"))))
            .isEqualTo("{APIGroups:[\"apps\"], Resources:[\"deployments\"], Verbs:[\"create\"]}");
    }

    private static List<PolicyRule> rules(String clusterRole) {
        return BootstrapPolicy.clusterRoles().stream().filter(r -> r.metadata().name().equals(clusterRole))
            .findFirst().orElseThrow().rules();
    }
}
