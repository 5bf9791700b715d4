package io.j8s.apiserver.registry.validation;

import static io.j8s.apiserver.registry.TestJson.json;
import static io.j8s.apiserver.registry.TestJson.lines;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class LabelSelectorValidationTest {

    @Test
    void operatorsAndTheirValues() {
        JsonNode selector = json("{'matchExpressions':[{'key':'tier','operator':'In'},"
            + "{'key':'env','operator':'Exists','values':['x']},{'key':'a','operator':'Near','values':['b']}]}");
        assertThat(lines(LabelSelectorValidation.validate(selector, "spec.selector"))).containsExactly(
            "spec.selector.matchExpressions[0].values: Required value: must be specified when `operator` is 'In' or 'NotIn'",
            "spec.selector.matchExpressions[1].values: Forbidden: may not be specified when `operator` is 'Exists' or 'DoesNotExist'",
            "spec.selector.matchExpressions[2].operator: Invalid value: \"Near\": not a valid selector operator");
    }

    @Test
    void matchLabelsMustBeValidLabels() {
        assertThat(lines(LabelSelectorValidation.validate(json("{'matchLabels':{'app':'a b'}}"), "spec.selector")))
            .singleElement().asString().startsWith("spec.selector.matchLabels: Invalid value: \"a b\": a valid label must be");
    }

    @Test
    void matchesLikeKubernetes() {
        JsonNode selector = json("{'matchLabels':{'app':'web'},'matchExpressions':[{'key':'tier','operator':'In','values':['fe','be']},"
            + "{'key':'canary','operator':'DoesNotExist'},{'key':'env','operator':'NotIn','values':['dev']}]}");
        assertThat(LabelSelectorValidation.matches(selector, Map.of("app", "web", "tier", "fe"))).isTrue();
        assertThat(LabelSelectorValidation.matches(selector, Map.of("app", "web", "tier", "fe", "env", "prod"))).isTrue();
        assertThat(LabelSelectorValidation.matches(selector, Map.of("app", "web", "tier", "fe", "env", "dev"))).isFalse();
        assertThat(LabelSelectorValidation.matches(selector, Map.of("app", "web", "tier", "db"))).isFalse();
        assertThat(LabelSelectorValidation.matches(selector, Map.of("app", "web", "tier", "fe", "canary", "1"))).isFalse();
        assertThat(LabelSelectorValidation.matches(selector, Map.of("tier", "fe"))).isFalse();
    }
}
