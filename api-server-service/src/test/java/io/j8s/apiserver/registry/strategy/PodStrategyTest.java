package io.j8s.apiserver.registry.strategy;

import static io.j8s.apiserver.registry.TestJson.fields;
import static io.j8s.apiserver.registry.TestJson.json;
import static io.j8s.apiserver.registry.TestJson.lines;
import static org.assertj.core.api.Assertions.assertThat;

import io.j8s.apiserver.registry.FieldError;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

class PodStrategyTest {

    private final PodStrategy strategy = new PodStrategy();

    private static ObjectNode pod(String containers) {
        return json("{'apiVersion':'v1','kind':'Pod','metadata':{'name':'web','namespace':'default'},"
            + "'spec':{'containers':" + containers + "}}");
    }

    /** What the store does on create before storing. */
    private ObjectNode created(ObjectNode pod) {
        strategy.prepareForCreate(pod);
        strategy.applyDefaults(pod);
        return pod;
    }

    private String pullPolicy(String image) {
        ObjectNode pod = created(pod("[{'name':'c','image':'" + image + "'}]"));
        return pod.get("spec").get("containers").get(0).get("imagePullPolicy").asString();
    }

    @Test
    void imagePullPolicyFollowsTheTag() {
        assertThat(pullPolicy("nginx")).isEqualTo("Always");
        assertThat(pullPolicy("nginx:latest")).isEqualTo("Always");
        assertThat(pullPolicy("nginx:1.27")).isEqualTo("IfNotPresent");
        assertThat(pullPolicy("nginx@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"))
            .isEqualTo("IfNotPresent");
        assertThat(pullPolicy("localhost:5000/team/app")).isEqualTo("Always");
        assertThat(pullPolicy("localhost:5000/team/app:v2")).isEqualTo("IfNotPresent");
    }

    @Test
    void explicitPullPolicyIsKept() {
        ObjectNode pod = created(pod("[{'name':'c','image':'nginx','imagePullPolicy':'Never'}]"));
        assertThat(pod.at("/spec/containers/0/imagePullPolicy").asString()).isEqualTo("Never");
    }

    @Test
    void podSpecDefaults() {
        ObjectNode pod = created(pod("[{'name':'c','image':'nginx:1','ports':[{'containerPort':80}],"
            + "'env':[{'name':'NODE','valueFrom':{'fieldRef':{'fieldPath':'spec.nodeName'}}}]}]"));
        JsonNode spec = pod.get("spec");
        assertThat(spec.get("restartPolicy").asString()).isEqualTo("Always");
        assertThat(spec.get("dnsPolicy").asString()).isEqualTo("ClusterFirst");
        assertThat(spec.get("schedulerName").asString()).isEqualTo("default-scheduler");
        assertThat(spec.get("terminationGracePeriodSeconds").asInt()).isEqualTo(30);
        assertThat(spec.get("securityContext").isObject()).isTrue();
        assertThat(spec.get("enableServiceLinks").asBoolean()).isTrue();
        JsonNode c = spec.get("containers").get(0);
        assertThat(c.get("terminationMessagePath").asString()).isEqualTo("/dev/termination-log");
        assertThat(c.get("terminationMessagePolicy").asString()).isEqualTo("File");
        assertThat(c.at("/ports/0/protocol").asString()).isEqualTo("TCP");
        assertThat(c.at("/env/0/valueFrom/fieldRef/apiVersion").asString()).isEqualTo("v1");
        assertThat(c.has("livenessProbe")).isFalse();
    }

    @Test
    void probeDefaultsOnlyForPresentProbes() {
        ObjectNode pod = created(pod("[{'name':'c','image':'nginx:1','readinessProbe':{'httpGet':{'port':80}}}]"));
        JsonNode probe = pod.at("/spec/containers/0/readinessProbe");
        assertThat(probe.get("timeoutSeconds").asInt()).isEqualTo(1);
        assertThat(probe.get("periodSeconds").asInt()).isEqualTo(10);
        assertThat(probe.get("successThreshold").asInt()).isEqualTo(1);
        assertThat(probe.get("failureThreshold").asInt()).isEqualTo(3);
        assertThat(probe.at("/httpGet/path").asString()).isEqualTo("/");
        assertThat(probe.at("/httpGet/scheme").asString()).isEqualTo("HTTP");
        assertThat(pod.at("/spec/containers/0").has("livenessProbe")).isFalse();
        assertThat(strategy.validate(pod)).isEmpty();
    }

    @Test
    void defaultingKeepsFieldsItDoesNotKnow() {
        ObjectNode pod = created(json("{'apiVersion':'v1','kind':'Pod','metadata':{'name':'web','namespace':'default'},"
            + "'spec':{'futureField':{'x':[1,2]},'containers':[{'name':'c','image':'nginx:1','sparkle':true,"
            + "'ports':[{'containerPort':80,'note':'keep me'}]}]},'extra':'kept'}"));
        assertThat(pod.get("extra").asString()).isEqualTo("kept");
        assertThat(pod.at("/spec/futureField/x/1").asInt()).isEqualTo(2);
        assertThat(pod.at("/spec/containers/0/sparkle").asBoolean()).isTrue();
        assertThat(pod.at("/spec/containers/0/ports/0/note").asString()).isEqualTo("keep me");
    }

    @Test
    void createStartsPendingWithItsQosClass() {
        ObjectNode bestEffort = created(pod("[{'name':'c','image':'nginx:1'}]"));
        assertThat(bestEffort.get("status").toString()).isEqualTo("{\"phase\":\"Pending\",\"qosClass\":\"BestEffort\"}");

        ObjectNode guaranteed = created(pod("[{'name':'c','image':'nginx:1','resources':{'limits':{'cpu':'1','memory':'1Gi'}}}]"));
        assertThat(guaranteed.at("/status/qosClass").asString()).isEqualTo("Guaranteed");
        assertThat(guaranteed.at("/spec/containers/0/resources/requests/cpu").asString()).isEqualTo("1");

        ObjectNode burstable = created(pod("[{'name':'c','image':'nginx:1','resources':{'requests':{'cpu':'100m'}}}]"));
        assertThat(burstable.at("/status/qosClass").asString()).isEqualTo("Burstable");

        ObjectNode ignoresClientStatus = pod("[{'name':'c','image':'nginx:1'}]");
        ignoresClientStatus.putObject("status").put("phase", "Running");
        assertThat(created(ignoresClientStatus).at("/status/phase").asString()).isEqualTo("Pending");
    }

    @Test
    void atLeastOneContainer() {
        assertThat(lines(strategy.validate(created(pod("[]"))))).containsExactly("spec.containers: Required value");
        ObjectNode noSpec = json("{'metadata':{'name':'web','namespace':'default'}}");
        assertThat(lines(strategy.validate(created(noSpec)))).containsExactly("spec.containers: Required value");
    }

    @Test
    void containerErrorsNameTheirField() {
        ObjectNode pod = created(pod("[{'name':'Web','ports':[{'containerPort':70000,'name':'http'},"
            + "{'containerPort':81,'name':'http'},{'containerPort':82,'name':'much-too-long-name'}]},"
            + "{'name':'side','image':'x:1','resources':{'requests':{'cpu':'2'},'limits':{'cpu':'1','memory':'lots'}}}]"));
        List<FieldError> errs = strategy.validate(pod);
        assertThat(fields(errs)).containsExactly(
            "spec.containers[0].name",
            "spec.containers[0].image",
            "spec.containers[0].ports[0].containerPort",
            "spec.containers[0].ports[1].name",
            "spec.containers[0].ports[2].name",
            "spec.containers[1].resources.limits[memory]",
            "spec.containers[1].resources.requests[memory]",
            "spec.containers[1].resources.requests");
        assertThat(lines(errs)).contains(
            "spec.containers[0].image: Required value",
            "spec.containers[0].ports[0].containerPort: Invalid value: 70000: must be between 1 and 65535, inclusive",
            "spec.containers[0].ports[1].name: Duplicate value: \"http\"",
            "spec.containers[0].ports[2].name: Invalid value: \"much-too-long-name\": must be no more than 15 characters",
            "spec.containers[1].resources.requests: Invalid value: \"2\": must be less than or equal to cpu limit of 1");
    }

    @Test
    void containerNamesAreUniqueAcrossInitContainers() {
        ObjectNode pod = created(json("{'metadata':{'name':'p','namespace':'d'},'spec':{"
            + "'initContainers':[{'name':'app','image':'busybox:1'}],'containers':[{'name':'app','image':'nginx:1'}]}}"));
        assertThat(lines(strategy.validate(pod))).containsExactly("spec.initContainers[0].name: Duplicate value: \"app\"");
    }

    @Test
    void restartPolicyMustBeSupported() {
        ObjectNode pod = created(pod("[{'name':'c','image':'x:1'}]"));
        ((ObjectNode) pod.get("spec")).put("restartPolicy", "Sometimes");
        assertThat(lines(strategy.validate(pod))).containsExactly(
            "spec.restartPolicy: Unsupported value: \"Sometimes\": supported values: \"Always\", \"OnFailure\", \"Never\"");
    }

    @Test
    void volumesAndMounts() {
        ObjectNode pod = created(json("{'metadata':{'name':'p','namespace':'d'},'spec':{"
            + "'volumes':[{'name':'data'},{'name':'data','emptyDir':{}},{'name':'cfg','configMap':{'name':'c'},'secret':{'secretName':'s'}}],"
            + "'containers':[{'name':'c','image':'x:1','volumeMounts':[{'name':'data','mountPath':'/d'},"
            + "{'name':'logs','mountPath':'/d'}]}]}}"));
        assertThat(pod.at("/spec/volumes/0/emptyDir").isObject()).isTrue();
        assertThat(pod.at("/spec/volumes/2/secret/defaultMode").asInt()).isEqualTo(420);
        assertThat(lines(strategy.validate(pod))).containsExactly(
            "spec.volumes[1].name: Duplicate value: \"data\"",
            "spec.volumes[2].configMap: Forbidden: may not specify more than 1 volume type",
            "spec.containers[0].volumeMounts[1].name: Not found: \"logs\"",
            "spec.containers[0].volumeMounts[1].mountPath: Invalid value: \"/d\": must be unique");
    }

    @Test
    void probesNeedExactlyOneHandler() {
        ObjectNode pod = created(pod("[{'name':'c','image':'x:1','livenessProbe':{'periodSeconds':5},"
            + "'readinessProbe':{'exec':{'command':['true']},'tcpSocket':{'port':80}}}]"));
        assertThat(lines(strategy.validate(pod))).containsExactly(
            "spec.containers[0].livenessProbe: Required value: must specify a handler type",
            "spec.containers[0].readinessProbe.tcpSocket: Forbidden: may not specify more than 1 handler type");
    }

    @Test
    void envNodeSelectorTolerationsAndGracePeriod() {
        ObjectNode pod = created(json("{'metadata':{'name':'p','namespace':'d'},'spec':{"
            + "'terminationGracePeriodSeconds':-5,'nodeSelector':{'disk':'ssd fast'},"
            + "'tolerations':[{'key':'k','operator':'Maybe'},{'operator':'Exists','effect':'NoRun'},"
            + "{'key':'k','operator':'Equal','value':'v','effect':'NoSchedule','tolerationSeconds':5}],"
            + "'containers':[{'name':'c','image':'x:1','env':[{'name':'A=B','value':'1'},{'value':'2'}]}]}}"));
        List<FieldError> errs = strategy.validate(pod);
        assertThat(fields(errs)).containsExactly(
            "spec.containers[0].env[0].name",
            "spec.containers[0].env[1].name",
            "spec.nodeSelector",
            "spec.terminationGracePeriodSeconds",
            "spec.tolerations[0].operator",
            "spec.tolerations[1].effect",
            "spec.tolerations[2].effect");
        assertThat(lines(errs)).contains(
            "spec.containers[0].env[1].name: Required value",
            "spec.terminationGracePeriodSeconds: Invalid value: -5: must be greater than or equal to 0",
            "spec.tolerations[1].effect: Unsupported value: \"NoRun\": supported values: \"NoSchedule\", \"PreferNoSchedule\", \"NoExecute\"",
            "spec.tolerations[2].effect: Invalid value: \"NoSchedule\": effect must be 'NoExecute' when `tolerationSeconds` is set");
    }

    @Test
    void wrongTypesDoNotThrow() {
        ObjectNode pod = json("{'metadata':{'name':'p','namespace':'d'},'spec':{'containers':{'name':'c'},'volumes':'none'}}");
        strategy.prepareForCreate(pod);
        strategy.applyDefaults(pod);
        assertThat(lines(strategy.validate(pod))).containsExactly(
            "spec.volumes: Invalid value: \"none\": must be an array",
            "spec.containers: Invalid value: {\"name\":\"c\"}: must be an array",
            "spec.containers: Required value");
        ObjectNode stringSpec = json("{'metadata':{'name':'p','namespace':'d'},'spec':'nothing'}");
        strategy.prepareForCreate(stringSpec);
        strategy.applyDefaults(stringSpec);
        assertThat(lines(strategy.validate(stringSpec))).containsExactly("spec: Invalid value: \"nothing\": must be an object");
    }

    @Test
    void updateMayChangeTheImage() {
        ObjectNode old = created(pod("[{'name':'c','image':'nginx:1','ports':[{'containerPort':80}]}]"));
        ObjectNode updated = pod("[{'name':'c','image':'nginx:2','ports':[{'containerPort':80}]}]");
        strategy.prepareForUpdate(updated, old);
        strategy.applyDefaults(updated);
        assertThat(strategy.validateUpdate(updated, old)).isEmpty();
        assertThat(updated.at("/status/qosClass").asString()).isEqualTo("BestEffort");
    }

    @Test
    void updateMayNotChangeAnythingElse() {
        ObjectNode old = created(pod("[{'name':'c','image':'nginx:1','ports':[{'containerPort':80}]}]"));
        ObjectNode updated = pod("[{'name':'c','image':'nginx:1','ports':[{'containerPort':8080}]}]");
        strategy.prepareForUpdate(updated, old);
        strategy.applyDefaults(updated);
        List<FieldError> errs = strategy.validateUpdate(updated, old);
        assertThat(errs).singleElement().satisfies(e -> {
            assertThat(e.field()).isEqualTo("spec");
            assertThat(e.reason()).isEqualTo(FieldError.Reason.FieldValueForbidden);
            assertThat(e.message()).startsWith("Forbidden: pod updates may not change fields other than "
                + "`spec.containers[*].image`,`spec.initContainers[*].image`,`spec.activeDeadlineSeconds`,"
                + "`spec.tolerations` (only additions to existing tolerations),"
                + "`spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was previously negative)");
            assertThat(e.message()).contains("spec.containers[0].ports[0].containerPort: 80 -> 8080");
        });
    }

    @Test
    void updateMayNotMoveThePodToAnotherNode() {
        ObjectNode old = created(json("{'metadata':{'name':'p','namespace':'d'},'spec':{'nodeName':'node-a','containers':[{'name':'c','image':'x:1'}]}}"));
        ObjectNode updated = json("{'metadata':{'name':'p','namespace':'d'},'spec':{'nodeName':'node-b','containers':[{'name':'c','image':'x:1'}]}}");
        strategy.applyDefaults(updated);
        assertThat(strategy.validateUpdate(updated, old)).singleElement()
            .satisfies(e -> assertThat(e.message()).contains("spec.nodeName: \"node-a\" -> \"node-b\""));
    }

    @Test
    void updateMayAddContainersNeither() {
        ObjectNode old = created(pod("[{'name':'c','image':'x:1'}]"));
        ObjectNode updated = pod("[{'name':'c','image':'x:1'},{'name':'d','image':'x:1'}]");
        strategy.applyDefaults(updated);
        assertThat(lines(strategy.validateUpdate(updated, old)))
            .containsExactly("spec.containers: Forbidden: pod updates may not add or remove containers");
    }

    @Test
    void updateMayAddTolerationsButNotChangeThem() {
        ObjectNode old = created(json("{'metadata':{'name':'p','namespace':'d'},'spec':{'containers':[{'name':'c','image':'x:1'}],"
            + "'tolerations':[{'key':'k','operator':'Exists','effect':'NoExecute','tolerationSeconds':30}]}}"));
        ObjectNode added = json("{'metadata':{'name':'p','namespace':'d'},'spec':{'containers':[{'name':'c','image':'x:1'}],"
            + "'tolerations':[{'key':'k','operator':'Exists','effect':'NoExecute','tolerationSeconds':10},{'key':'other','operator':'Exists'}]}}");
        strategy.applyDefaults(added);
        assertThat(strategy.validateUpdate(added, old)).isEmpty();

        ObjectNode changed = json("{'metadata':{'name':'p','namespace':'d'},'spec':{'containers':[{'name':'c','image':'x:1'}],"
            + "'tolerations':[{'key':'k2','operator':'Exists','effect':'NoExecute'}]}}");
        strategy.applyDefaults(changed);
        assertThat(lines(strategy.validateUpdate(changed, old))).contains(
            "spec.tolerations: Forbidden: existing toleration can not be modified except its tolerationSeconds");
    }

    @Test
    void statusPhaseMustBeSupported() {
        ObjectNode old = created(pod("[{'name':'c','image':'x:1'}]"));
        ObjectNode update = old.deepCopy();
        ((ObjectNode) update.get("status")).put("phase", "Running");
        assertThat(strategy.validateStatusUpdate(update, old)).isEmpty();
        ((ObjectNode) update.get("status")).put("phase", "Done");
        assertThat(lines(strategy.validateStatusUpdate(update, old))).containsExactly("status.phase: Unsupported value: \"Done\": "
            + "supported values: \"Pending\", \"Running\", \"Succeeded\", \"Failed\", \"Unknown\"");
    }
}
