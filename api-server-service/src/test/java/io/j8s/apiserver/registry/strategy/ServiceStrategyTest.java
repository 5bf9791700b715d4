package io.j8s.apiserver.registry.strategy;

import static io.j8s.apiserver.registry.TestJson.json;
import static io.j8s.apiserver.registry.TestJson.lines;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

class ServiceStrategyTest {

    private final ServiceStrategy strategy = new ServiceStrategy();

    private static ObjectNode service(String spec) {
        return json("{'apiVersion':'v1','kind':'Service','metadata':{'name':'web','namespace':'default'},'spec':" + spec + "}");
    }

    private ObjectNode created(ObjectNode svc) {
        strategy.prepareForCreate(svc);
        strategy.applyDefaults(svc);
        return svc;
    }

    @Test
    void defaults() {
        ObjectNode svc = created(service("{'selector':{'app':'web'},'ports':[{'port':80},{'name':'m','port':9090,'targetPort':'metrics'}]}"));
        assertThat(svc.at("/spec/type").asString()).isEqualTo("ClusterIP");
        assertThat(svc.at("/spec/sessionAffinity").asString()).isEqualTo("None");
        assertThat(svc.at("/spec/internalTrafficPolicy").asString()).isEqualTo("Cluster");
        assertThat(svc.at("/spec").has("externalTrafficPolicy")).isFalse();
        assertThat(svc.at("/spec/ports/0/protocol").asString()).isEqualTo("TCP");
        assertThat(svc.at("/spec/ports/0/targetPort").asInt()).isEqualTo(80);
        assertThat(svc.at("/spec/ports/1/targetPort").asString()).isEqualTo("metrics");
        assertThat(svc.get("status").toString()).isEqualTo("{\"loadBalancer\":{}}");
        // several ports need names
        assertThat(lines(strategy.validate(svc))).containsExactly("spec.ports[0].name: Required value");
    }

    @Test
    void nodePortServicesDefaultExternalTrafficPolicy() {
        ObjectNode svc = created(service("{'type':'NodePort','ports':[{'port':80,'nodePort':30080}]}"));
        assertThat(svc.at("/spec/externalTrafficPolicy").asString()).isEqualTo("Cluster");
        assertThat(strategy.validate(svc)).isEmpty();
    }

    @Test
    void portRules() {
        ObjectNode svc = created(service("{'type':'NodePort','ports':[{'name':'a','port':0},{'name':'a','port':81,'protocol':'HTTP'},"
            + "{'name':'c','port':82,'nodePort':80,'targetPort':'Not_A_Name'}]}"));
        assertThat(lines(strategy.validate(svc))).containsExactly(
            "spec.ports[0].port: Invalid value: 0: must be between 1 and 65535, inclusive",
            // the target port defaults to the (invalid) port, as in Kubernetes
            "spec.ports[0].targetPort: Invalid value: 0: must be between 1 and 65535, inclusive",
            "spec.ports[1].name: Duplicate value: \"a\"",
            "spec.ports[1].protocol: Unsupported value: \"HTTP\": supported values: \"SCTP\", \"TCP\", \"UDP\"",
            "spec.ports[2].targetPort: Invalid value: \"Not_A_Name\": must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)",
            "spec.ports[2].nodePort: Invalid value: 80: provided port is not in the valid range. The range of valid ports is 30000-32767");
    }

    @Test
    void typeAndPortsRequired() {
        assertThat(lines(strategy.validate(created(service("{'type':'Magic'}"))))).containsExactly(
            "spec.type: Unsupported value: \"Magic\": supported values: \"ClusterIP\", \"ExternalName\", \"LoadBalancer\", \"NodePort\"",
            "spec.ports: Required value");
        assertThat(strategy.validate(created(service("{'clusterIP':'None','selector':{'app':'db'}}")))).isEmpty();
        assertThat(strategy.validate(created(service("{'type':'ExternalName','externalName':'db.example.com.'}")))).isEmpty();
        assertThat(lines(strategy.validate(created(service("{'type':'ExternalName'}")))))
            .containsExactly("spec.externalName: Required value");
    }

    @Test
    void nodePortIsNotForClusterIpServices() {
        assertThat(lines(strategy.validate(created(service("{'ports':[{'port':80,'nodePort':30001}]}")))))
            .containsExactly("spec.ports[0].nodePort: Forbidden: may not be used when `type` is 'ClusterIP'");
    }

    @Test
    void updateKeepsAllocatedClusterIpAndNodePorts() {
        ObjectNode old = created(service("{'type':'NodePort','ports':[{'name':'http','port':80,'nodePort':30080}]}"));
        ((ObjectNode) old.get("spec")).put("clusterIP", "10.96.0.10");
        ObjectNode applied = service("{'type':'NodePort','ports':[{'name':'http','port':8080}]}");
        strategy.prepareForUpdate(applied, old);
        strategy.applyDefaults(applied);
        assertThat(applied.at("/spec/clusterIP").asString()).isEqualTo("10.96.0.10");
        assertThat(applied.at("/spec/ports/0/nodePort").asInt()).isEqualTo(30080);
        assertThat(strategy.validateUpdate(applied, old)).isEmpty();

        ObjectNode changed = service("{'type':'NodePort','clusterIP':'10.96.0.11','ports':[{'name':'http','port':8080}]}");
        strategy.prepareForUpdate(changed, old);
        strategy.applyDefaults(changed);
        assertThat(lines(strategy.validateUpdate(changed, old)))
            .containsExactly("spec.clusterIPs[0]: Invalid value: \"10.96.0.11\": may not change once set");
    }

    @Test
    void switchingToClusterIpDropsNodePorts() {
        ObjectNode old = created(service("{'type':'NodePort','ports':[{'port':80,'nodePort':30080}]}"));
        ObjectNode plain = service("{'ports':[{'port':80}]}");
        strategy.prepareForUpdate(plain, old);
        strategy.applyDefaults(plain);
        assertThat(plain.at("/spec/ports/0").has("nodePort")).isFalse();
        assertThat(strategy.validateUpdate(plain, old)).isEmpty();
    }

    @Test
    void switchingToClusterIpReleasesUnchangedNodePortsButNotNewOnes() {
        ObjectNode old = created(service("{'type':'NodePort','ports':[{'port':80,'nodePort':30080}]}"));
        // kubectl edit: only the type changes, the allocated port is still in the body
        ObjectNode edited = service("{'type':'ClusterIP','ports':[{'port':80,'nodePort':30080}]}");
        strategy.prepareForUpdate(edited, old);
        strategy.applyDefaults(edited);
        assertThat(edited.at("/spec/ports/0").has("nodePort")).isFalse();
        assertThat(strategy.validateUpdate(edited, old)).isEmpty();

        // a node port the user changed is theirs to explain
        ObjectNode changed = service("{'type':'ClusterIP','ports':[{'port':80,'nodePort':30081}]}");
        strategy.prepareForUpdate(changed, old);
        strategy.applyDefaults(changed);
        assertThat(lines(strategy.validateUpdate(changed, old)))
            .containsExactly("spec.ports[0].nodePort: Forbidden: may not be used when `type` is 'ClusterIP'");
    }
}
