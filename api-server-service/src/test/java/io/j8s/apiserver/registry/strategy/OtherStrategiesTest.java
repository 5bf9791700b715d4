package io.j8s.apiserver.registry.strategy;

import static io.j8s.apiserver.registry.TestJson.json;
import static io.j8s.apiserver.registry.TestJson.lines;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

/** Namespace, Node, Endpoints, Event and Lease: the smaller strategies. */
class OtherStrategiesTest {

    @Test
    void namespaceStartsActiveWithTheKubernetesFinalizer() {
        NamespaceStrategy strategy = new NamespaceStrategy();
        ObjectNode ns = json("{'apiVersion':'v1','kind':'Namespace','metadata':{'name':'team-a'},'status':{'phase':'Terminating'}}");
        strategy.prepareForCreate(ns);
        strategy.applyDefaults(ns);
        assertThat(ns.get("status").toString()).isEqualTo("{\"phase\":\"Active\"}");
        assertThat(ns.at("/spec/finalizers").toString()).isEqualTo("[\"kubernetes\"]");
        assertThat(ns.at("/metadata/labels/kubernetes.io~1metadata.name").asString()).isEqualTo("team-a");
        assertThat(strategy.validate(ns)).isEmpty();

        ObjectNode own = json("{'metadata':{'name':'b'},'spec':{'finalizers':['example.com/x']}}");
        strategy.prepareForCreate(own);
        assertThat(own.at("/spec/finalizers").toString()).isEqualTo("[\"example.com/x\",\"kubernetes\"]");
    }

    @Test
    void namespaceFinalizersAreStandardOrQualified() {
        NamespaceStrategy strategy = new NamespaceStrategy();
        ObjectNode ns = json("{'metadata':{'name':'b'},'spec':{'finalizers':['kubernetes','mine']}}");
        assertThat(lines(strategy.validate(ns))).containsExactly(
            "spec.finalizers: Invalid value: \"mine\": name is neither a standard finalizer name nor is it fully qualified");
    }

    @Test
    void namespaceUpdateKeepsStoredFinalizersAndStatus() {
        NamespaceStrategy strategy = new NamespaceStrategy();
        ObjectNode old = json("{'metadata':{'name':'b'},'spec':{'finalizers':['kubernetes']},'status':{'phase':'Active'}}");
        ObjectNode update = json("{'metadata':{'name':'b','labels':{'x':'y'}},'spec':{'finalizers':[]}}");
        strategy.prepareForUpdate(update, old);
        assertThat(update.at("/spec/finalizers").toString()).isEqualTo("[\"kubernetes\"]");
        assertThat(update.at("/status/phase").asString()).isEqualTo("Active");
    }

    @Test
    void namespacePhaseFollowsDeletion() {
        NamespaceStrategy strategy = new NamespaceStrategy();
        ObjectNode ns = json("{'metadata':{'name':'b','deletionTimestamp':'2024-01-01T00:00:00Z'},'status':{'phase':'Active'}}");
        assertThat(lines(strategy.validateStatusUpdate(ns, ns)))
            .containsExactly("status.phase: Invalid value: \"Active\": may only be 'Terminating' if `deletionTimestamp` is not empty");
    }

    @Test
    void nodeKeepsItsStatusAndValidatesTaintsAndQuantities() {
        NodeStrategy strategy = new NodeStrategy();
        ObjectNode node = json("{'apiVersion':'v1','kind':'Node','metadata':{'name':'node-1'},"
            + "'spec':{'taints':[{'key':'dedicated','value':'db','effect':'NoSchedule'},{'key':'a/b/c','effect':'Sometimes'},"
            + "{'key':'dedicated','value':'x','effect':'NoSchedule'}]},"
            + "'status':{'capacity':{'cpu':'4','memory':'8Gi','pods':'110'},'conditions':[{'type':'Ready','status':'True'}]}}");
        strategy.prepareForCreate(node);
        strategy.applyDefaults(node);
        assertThat(node.at("/status/conditions/0/type").asString()).isEqualTo("Ready");
        assertThat(node.at("/status/allocatable/memory").asString()).isEqualTo("8Gi");
        assertThat(lines(strategy.validate(node))).satisfiesExactly(
            line -> assertThat(line).startsWith("spec.taints[1].key: Invalid value: \"a/b/c\": a qualified name must consist of"),
            line -> assertThat(line).isEqualTo("spec.taints[1].effect: Unsupported value: \"Sometimes\": "
                + "supported values: \"NoSchedule\", \"PreferNoSchedule\", \"NoExecute\""),
            line -> assertThat(line).startsWith("spec.taints[2]: Duplicate value: ")
                .endsWith(": taints must be unique by key and effect pair"));

        ObjectNode badStatus = json("{'metadata':{'name':'n'},'status':{'capacity':{'cpu':'-1','pods':'1.5','memory':'big'}}}");
        assertThat(lines(strategy.validateStatusUpdate(badStatus, badStatus))).containsExactly(
            "status.capacity.cpu: Invalid value: \"-1\": must be greater than or equal to 0",
            "status.capacity.pods: Invalid value: \"1.5\": must be an integer",
            "status.capacity.memory: Invalid value: \"big\": quantities must match the regular expression "
                + "'^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'");
    }

    @Test
    void endpointsNeedIpAddressesAndValidPorts() {
        EndpointsStrategy strategy = new EndpointsStrategy();
        ObjectNode ep = json("{'metadata':{'name':'web','namespace':'default'},'subsets':["
            + "{'addresses':[{'ip':'127.0.0.1'},{'ip':'web-0.local'},{}],'ports':[{'port':8080}]},"
            + "{'ports':[{'name':'a','port':70000,'protocol':'ICMP'},{'port':1}]}]}");
        strategy.applyDefaults(ep);
        assertThat(ep.at("/subsets/0/ports/0/protocol").asString()).isEqualTo("TCP");
        assertThat(lines(strategy.validate(ep))).containsExactly(
            "subsets[0].addresses[1].ip: Invalid value: \"web-0.local\": must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)",
            "subsets[0].addresses[2].ip: Required value",
            "subsets[1]: Required value: must specify `addresses` or `notReadyAddresses`",
            "subsets[1].ports[0].port: Invalid value: 70000: must be between 1 and 65535, inclusive",
            "subsets[1].ports[0].protocol: Unsupported value: \"ICMP\": supported values: \"SCTP\", \"TCP\", \"UDP\"",
            "subsets[1].ports[1].name: Required value");
    }

    @Test
    void eventInvolvedObjectMustShareTheNamespace() {
        EventStrategy strategy = new EventStrategy();
        ObjectNode ok = json("{'metadata':{'name':'web.1','namespace':'default'},'involvedObject':{'kind':'Pod','namespace':'default','name':'web'},"
            + "'reason':'Scheduled','message':'assigned','type':'Normal','count':1}");
        assertThat(strategy.validate(ok)).isEmpty();
        ObjectNode nodeEvent = json("{'metadata':{'name':'n.1','namespace':'default'},'involvedObject':{'kind':'Node','name':'n'}}");
        assertThat(strategy.validate(nodeEvent)).isEmpty();
        ObjectNode elsewhere = json("{'metadata':{'name':'web.1','namespace':'default'},'involvedObject':{'kind':'Pod','namespace':'team-a','name':'web'}}");
        assertThat(lines(strategy.validate(elsewhere)))
            .containsExactly("involvedObject.namespace: Invalid value: \"team-a\": does not match event.namespace");
        ObjectNode newStyle = json("{'metadata':{'name':'web.1','namespace':'default'},'eventTime':'2024-01-01T00:00:00.000000Z',"
            + "'involvedObject':{'kind':'Pod','namespace':'default','name':'web'}}");
        assertThat(lines(strategy.validate(newStyle))).containsExactly(
            "reportingComponent: Required value", "reportingInstance: Required value", "action: Required value", "reason: Required value");
    }

    @Test
    void leaseDurationsArePositive() {
        LeaseStrategy strategy = new LeaseStrategy();
        assertThat(strategy.validate(json("{'metadata':{'name':'node-1','namespace':'kube-node-lease'},"
            + "'spec':{'holderIdentity':'node-1','leaseDurationSeconds':40,'renewTime':'2024-01-01T00:00:00.000000Z'}}"))).isEmpty();
        assertThat(lines(strategy.validate(json("{'metadata':{'name':'l','namespace':'d'},"
            + "'spec':{'leaseDurationSeconds':0,'leaseTransitions':-1}}")))).containsExactly(
            "spec.leaseDurationSeconds: Invalid value: 0: must be greater than 0",
            "spec.leaseTransitions: Invalid value: -1: must be greater than or equal to 0");
    }
}
