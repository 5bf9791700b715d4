package io.j8s.apiserver.registry.strategy;

import static io.j8s.apiserver.registry.TestJson.json;
import static io.j8s.apiserver.registry.TestJson.lines;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

class DeploymentStrategyTest {

    private final DeploymentStrategy strategy = new DeploymentStrategy();

    private static ObjectNode deployment(String extraSpec) {
        return json("{'apiVersion':'apps/v1','kind':'Deployment','metadata':{'name':'web','namespace':'default'},"
            + "'spec':{" + extraSpec + "'selector':{'matchLabels':{'app':'web'}},"
            + "'template':{'metadata':{'labels':{'app':'web'}},'spec':{'containers':[{'name':'web','image':'nginx'}]}}}}");
    }

    private ObjectNode created(ObjectNode d) {
        strategy.prepareForCreate(d);
        strategy.applyDefaults(d);
        return d;
    }

    @Test
    void kubernetesDefaults() {
        ObjectNode d = created(deployment(""));
        assertThat(d.at("/spec/replicas").asInt()).isEqualTo(1);
        assertThat(d.at("/spec/strategy").toString())
            .isEqualTo("{\"type\":\"RollingUpdate\",\"rollingUpdate\":{\"maxUnavailable\":\"25%\",\"maxSurge\":\"25%\"}}");
        assertThat(d.at("/spec/revisionHistoryLimit").asInt()).isEqualTo(10);
        assertThat(d.at("/spec/progressDeadlineSeconds").asInt()).isEqualTo(600);
        assertThat(d.at("/spec/template/spec/containers/0/imagePullPolicy").asString()).isEqualTo("Always");
        assertThat(d.at("/spec/template/spec/dnsPolicy").asString()).isEqualTo("ClusterFirst");
        assertThat(d.get("status").toString()).isEqualTo("{}");
        assertThat(strategy.validate(d)).isEmpty();
    }

    @Test
    void explicitValuesAreKept() {
        ObjectNode d = created(deployment("'replicas':0,'revisionHistoryLimit':2,'strategy':{'rollingUpdate':{'maxSurge':1}},"));
        assertThat(d.at("/spec/replicas").asInt()).isEqualTo(0);
        assertThat(d.at("/spec/revisionHistoryLimit").asInt()).isEqualTo(2);
        assertThat(d.at("/spec/strategy/rollingUpdate/maxSurge").asInt()).isEqualTo(1);
        assertThat(d.at("/spec/strategy/rollingUpdate/maxUnavailable").asString()).isEqualTo("25%");
        assertThat(strategy.validate(d)).isEmpty();
    }

    @Test
    void recreateGetsNoRollingUpdateDefaults() {
        ObjectNode d = created(deployment("'strategy':{'type':'Recreate'},"));
        assertThat(d.at("/spec/strategy").toString()).isEqualTo("{\"type\":\"Recreate\"}");
        assertThat(strategy.validate(d)).isEmpty();
    }

    @Test
    void maxSurgeAndMaxUnavailableMayNotBothBeZero() {
        ObjectNode d = created(deployment("'strategy':{'rollingUpdate':{'maxSurge':0,'maxUnavailable':'0%'}},"));
        assertThat(lines(strategy.validate(d))).containsExactly(
            "spec.strategy.rollingUpdate.maxUnavailable: Invalid value: \"0%\": may not be 0 when `maxSurge` is 0");
        ObjectNode ints = created(deployment("'strategy':{'rollingUpdate':{'maxSurge':0,'maxUnavailable':0}},"));
        assertThat(lines(strategy.validate(ints))).containsExactly(
            "spec.strategy.rollingUpdate.maxUnavailable: Invalid value: 0: may not be 0 when `maxSurge` is 0");
    }

    @Test
    void rollingUpdateValues() {
        ObjectNode d = created(deployment("'strategy':{'rollingUpdate':{'maxSurge':-1,'maxUnavailable':'150%'}},"));
        assertThat(lines(strategy.validate(d))).containsExactly(
            "spec.strategy.rollingUpdate.maxSurge: Invalid value: -1: must be greater than or equal to 0",
            "spec.strategy.rollingUpdate.maxUnavailable: Invalid value: \"150%\": must not be greater than 100%");
        ObjectNode words = created(deployment("'strategy':{'rollingUpdate':{'maxSurge':'lots'}},"));
        assertThat(lines(strategy.validate(words))).containsExactly("spec.strategy.rollingUpdate.maxSurge: Invalid value: "
            + "\"lots\": a valid percent string must be a numeric string followed by an ending '%' "
            + "(e.g. '1%',  or '93%', regex used for validation is '[0-9]+%')");
    }

    @Test
    void strategyTypeRules() {
        assertThat(lines(strategy.validate(created(deployment("'strategy':{'type':'BlueGreen'},")))))
            .containsExactly("spec.strategy.type: Unsupported value: \"BlueGreen\": supported values: \"Recreate\", \"RollingUpdate\"");
        assertThat(lines(strategy.validate(created(deployment("'strategy':{'type':'Recreate','rollingUpdate':{'maxSurge':1}},")))))
            .containsExactly("spec.strategy.rollingUpdate: Forbidden: may not be specified when strategy `type` is 'Recreate'");
    }

    @Test
    void progressDeadlineMustExceedMinReadySeconds() {
        ObjectNode d = created(deployment("'minReadySeconds':600,"));
        assertThat(lines(strategy.validate(d)))
            .containsExactly("spec.progressDeadlineSeconds: Invalid value: 600: must be greater than minReadySeconds");
    }

    @Test
    void selectorMismatchAndImmutability() {
        ObjectNode d = created(deployment(""));
        ((ObjectNode) d.at("/spec/template/metadata/labels")).put("app", "other");
        assertThat(lines(strategy.validate(d))).containsExactly("spec.template.metadata.labels: Invalid value: "
            + "map[string]string{\"app\":\"other\"}: `selector` does not match template `labels`");

        ObjectNode old = created(deployment(""));
        ObjectNode moved = created(deployment(""));
        ((ObjectNode) moved.at("/spec/selector/matchLabels")).put("track", "stable");
        ((ObjectNode) moved.at("/spec/template/metadata/labels")).put("track", "stable");
        assertThat(lines(strategy.validateUpdate(moved, old))).singleElement().asString()
            .startsWith("spec.selector: Invalid value: v1.LabelSelector{").endsWith(": field is immutable");
    }
}
