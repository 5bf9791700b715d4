package io.j8s.apiserver.registry.strategy;

import static io.j8s.apiserver.registry.TestJson.json;
import static io.j8s.apiserver.registry.TestJson.lines;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

class ReplicaSetStrategyTest {

    private final ReplicaSetStrategy strategy = new ReplicaSetStrategy();

    private static ObjectNode replicaSet(String selector, String templateLabels) {
        return json("{'apiVersion':'apps/v1','kind':'ReplicaSet','metadata':{'name':'web','namespace':'default'},"
            + "'spec':{" + (selector == null ? "" : "'selector':" + selector + ",")
            + "'template':{'metadata':{'labels':" + templateLabels + "},"
            + "'spec':{'containers':[{'name':'web','image':'nginx:1.27'}]}}}}");
    }

    private ObjectNode created(ObjectNode rs) {
        strategy.prepareForCreate(rs);
        strategy.applyDefaults(rs);
        return rs;
    }

    @Test
    void defaultsReplicasAndTemplatePodSpec() {
        ObjectNode rs = created(replicaSet("{'matchLabels':{'app':'web'}}", "{'app':'web'}"));
        assertThat(rs.at("/spec/replicas").asInt()).isEqualTo(1);
        assertThat(rs.at("/spec/template/spec/restartPolicy").asString()).isEqualTo("Always");
        assertThat(rs.at("/spec/template/spec/containers/0/imagePullPolicy").asString()).isEqualTo("IfNotPresent");
        // pod-only defaults stay off templates, as in Kubernetes
        assertThat(rs.at("/spec/template/spec").has("enableServiceLinks")).isFalse();
        assertThat(rs.get("status").toString()).isEqualTo("{\"replicas\":0}");
        assertThat(strategy.validate(rs)).isEmpty();
    }

    @Test
    void selectorMustMatchTemplateLabels() {
        ObjectNode rs = created(replicaSet("{'matchLabels':{'app':'web'}}", "{'app':'api','tier':'be'}"));
        assertThat(lines(strategy.validate(rs))).containsExactly("spec.template.metadata.labels: Invalid value: "
            + "map[string]string{\"app\":\"api\", \"tier\":\"be\"}: `selector` does not match template `labels`");
    }

    @Test
    void selectorIsRequiredAndMayNotBeEmpty() {
        assertThat(lines(strategy.validate(created(replicaSet(null, "{'app':'web'}"))))).containsExactly(
            "spec.selector: Required value",
            "spec.template.metadata.labels: Invalid value: map[string]string{\"app\":\"web\"}: `selector` does not match template `labels`");
        assertThat(lines(strategy.validate(created(replicaSet("{}", "{'app':'web'}"))))).containsExactly(
            "spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string(nil), "
                + "MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: empty selector is invalid for deployment");
    }

    @Test
    void templateMustRestartAlways() {
        ObjectNode rs = replicaSet("{'matchLabels':{'app':'web'}}", "{'app':'web'}");
        ((ObjectNode) rs.at("/spec/template/spec")).put("restartPolicy", "OnFailure");
        assertThat(lines(strategy.validate(created(rs)))).containsExactly(
            "spec.template.spec.restartPolicy: Unsupported value: \"OnFailure\": supported values: \"Always\"");
    }

    @Test
    void negativeReplicas() {
        ObjectNode rs = replicaSet("{'matchLabels':{'app':'web'}}", "{'app':'web'}");
        ((ObjectNode) rs.get("spec")).put("replicas", -1);
        assertThat(lines(strategy.validate(created(rs))))
            .containsExactly("spec.replicas: Invalid value: -1: must be greater than or equal to 0");
    }

    @Test
    void templateErrorsCarryTheTemplatePath() {
        ObjectNode rs = replicaSet("{'matchLabels':{'app':'web'}}", "{'app':'web'}");
        ((ObjectNode) rs.at("/spec/template/spec/containers/0")).remove("image");
        assertThat(lines(strategy.validate(created(rs)))).containsExactly("spec.template.spec.containers[0].image: Required value");
    }

    @Test
    void selectorIsImmutable() {
        ObjectNode old = created(replicaSet("{'matchLabels':{'app':'web'}}", "{'app':'web','v':'2'}"));
        ObjectNode scaled = created(replicaSet("{'matchLabels':{'app':'web'}}", "{'app':'web','v':'2'}"));
        ((ObjectNode) scaled.get("spec")).put("replicas", 5);
        assertThat(strategy.validateUpdate(scaled, old)).isEmpty();
        ObjectNode changed = created(replicaSet("{'matchLabels':{'app':'web','v':'2'}}", "{'app':'web','v':'2'}"));
        assertThat(lines(strategy.validateUpdate(changed, old))).containsExactly("spec.selector: Invalid value: "
            + "v1.LabelSelector{MatchLabels:map[string]string{\"app\":\"web\", \"v\":\"2\"}, "
            + "MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: field is immutable");
    }

    @Test
    void statusCounts() {
        ObjectNode rs = created(replicaSet("{'matchLabels':{'app':'web'}}", "{'app':'web'}"));
        rs.set("status", json("{'replicas':2,'readyReplicas':3,'availableReplicas':1,'fullyLabeledReplicas':-1}"));
        assertThat(lines(strategy.validateStatusUpdate(rs, rs))).containsExactly(
            "status.fullyLabeledReplicas: Invalid value: -1: must be greater than or equal to 0",
            "status.readyReplicas: Invalid value: 3: cannot be greater than status.replicas");
    }
}
