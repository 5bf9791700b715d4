package io.j8s.apiserver.registry.strategy;

import static io.j8s.apiserver.registry.TestJson.json;
import static io.j8s.apiserver.registry.TestJson.lines;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

/** EndpointSlices: Kubernetes' port defaults and discovery validation, with j8s's loopback endpoints allowed. */
class EndpointSliceStrategyTest {

    private final EndpointSliceStrategy strategy = new EndpointSliceStrategy();

    @Test
    void portsDefaultToAnEmptyNameAndTcp() {
        ObjectNode slice = json("{'metadata':{'name':'web-1'},'addressType':'IPv4',"
            + "'endpoints':[{'addresses':['127.0.0.1'],'conditions':{'ready':true},'nodeName':'node-1'}],"
            + "'ports':[{'port':41234}]}");
        strategy.applyDefaults(slice);
        assertThat(slice.at("/ports/0").toString()).isEqualTo("{\"port\":41234,\"name\":\"\",\"protocol\":\"TCP\"}");
        assertThat(strategy.validate(slice)).isEmpty();
    }

    @Test
    void addressTypeIsRequiredSupportedAndImmutable() {
        assertThat(lines(strategy.validate(json("{'metadata':{'name':'a'}}"))))
            .containsExactly("addressType: Required value");
        assertThat(lines(strategy.validate(json("{'metadata':{'name':'a'},'addressType':'IP'}"))))
            .containsExactly("addressType: Unsupported value: \"IP\": supported values: \"FQDN\", \"IPv4\", \"IPv6\"");
        ObjectNode old = json("{'metadata':{'name':'a'},'addressType':'IPv4'}");
        ObjectNode changed = json("{'metadata':{'name':'a'},'addressType':'IPv6'}");
        assertThat(lines(strategy.validateUpdate(changed, old)))
            .containsExactly("addressType: Invalid value: \"IPv6\": field is immutable");
        assertThat(strategy.validateUpdate(old.deepCopy(), old)).isEmpty();
    }

    @Test
    void addressesMatchTheAddressType() {
        ObjectNode slice = json("{'metadata':{'name':'a'},'addressType':'IPv4','endpoints':["
            + "{'addresses':['10.0.0.1','fd00::1']},{'addresses':[]},{'addresses':['0.0.0.0'],'hostname':'Web_1'}]}");
        assertThat(lines(strategy.validate(slice))).satisfiesExactly(
            line -> assertThat(line).isEqualTo("endpoints[0].addresses[1]: Invalid value: \"fd00::1\": must be a valid IPv4 address"),
            line -> assertThat(line).isEqualTo("endpoints[1].addresses: Required value: must contain at least 1 address"),
            line -> assertThat(line).isEqualTo("endpoints[2].addresses[0]: Invalid value: \"0.0.0.0\": may not be unspecified (0.0.0.0)"),
            line -> assertThat(line).startsWith("endpoints[2].hostname: Invalid value: \"Web_1\": a lowercase RFC 1123 label"));
        ObjectNode fqdn = json("{'metadata':{'name':'a'},'addressType':'FQDN','endpoints':["
            + "{'addresses':['db.example.com.']},{'addresses':['localhost']}]}");
        assertThat(lines(strategy.validate(fqdn))).containsExactly(
            "endpoints[1].addresses[0]: Invalid value: \"localhost\": should be a domain with at least two segments separated by dots");
    }

    @Test
    void endpointsAddressesAndPortsHaveLimits() {
        String thousandAndOne = IntStream.range(0, 1001).mapToObj(i -> "{'addresses':['10.0.0.1']}")
            .collect(Collectors.joining(","));
        assertThat(lines(strategy.validate(json("{'metadata':{'name':'a'},'addressType':'IPv4','endpoints':["
            + thousandAndOne + "]}")))).containsExactly("endpoints: Too many: 1001: must have at most 1000 items");
        String manyAddresses = IntStream.range(0, 101).mapToObj(i -> "'10.0.0." + (i + 1) + "'")
            .collect(Collectors.joining(","));
        assertThat(lines(strategy.validate(json("{'metadata':{'name':'a'},'addressType':'IPv4','endpoints':["
            + "{'addresses':[" + manyAddresses + "]}]}"))))
            .containsExactly("endpoints[0].addresses: Too many: 101: must have at most 100 items");
        String manyPorts = IntStream.range(0, 101).mapToObj(i -> "{'name':'p" + i + "','port':" + (i + 1) + "}")
            .collect(Collectors.joining(","));
        assertThat(lines(strategy.validate(json("{'metadata':{'name':'a'},'addressType':'IPv4','ports':["
            + manyPorts + "]}")))).containsExactly("ports: Too many: 101: must have at most 100 items");
    }

    @Test
    void portsHaveUniqueNamesAndKnownProtocolsAndConditionsAreBooleans() {
        ObjectNode slice = json("{'metadata':{'name':'a'},'addressType':'IPv4',"
            + "'endpoints':[{'addresses':['10.0.0.1'],'conditions':{'ready':'yes'}}],"
            + "'ports':[{'name':'http','port':80,'protocol':'TCP'},{'name':'http','port':81,'protocol':'HTTP'},"
            + "{'name':'','protocol':'UDP','appProtocol':'not valid'}]}");
        assertThat(lines(strategy.validate(slice))).satisfiesExactly(
            line -> assertThat(line).isEqualTo("endpoints[0].conditions.ready: Invalid value: \"yes\": must be a boolean"),
            line -> assertThat(line).isEqualTo("ports[1].name: Duplicate value: \"http\""),
            line -> assertThat(line).isEqualTo("ports[1].protocol: Unsupported value: \"HTTP\": supported values: "
                + "\"SCTP\", \"TCP\", \"UDP\""),
            line -> assertThat(line).startsWith("ports[2].appProtocol: Invalid value: \"not valid\": name part must consist of"));
    }

    @Test
    void aLabelChangeBumpsTheGeneration() {
        ObjectNode old = json("{'metadata':{'name':'a','generation':3,'labels':{'x':'1'}},'addressType':'IPv4'}");
        ObjectNode relabelled = json("{'metadata':{'name':'a','generation':3,'labels':{'x':'2'}},'addressType':'IPv4'}");
        strategy.prepareForUpdate(relabelled, old);
        assertThat(relabelled.at("/metadata/generation").asLong()).isEqualTo(4);
        ObjectNode same = json("{'metadata':{'name':'a','generation':3,'labels':{'x':'1'}},'addressType':'IPv4'}");
        strategy.prepareForUpdate(same, old);
        assertThat(same.at("/metadata/generation").asLong()).isEqualTo(3);
    }
}
