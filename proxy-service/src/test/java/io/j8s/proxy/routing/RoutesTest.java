package io.j8s.proxy.routing;

import static org.assertj.core.api.Assertions.assertThat;

import io.j8s.common.api.core.Endpoints;
import io.j8s.common.api.core.Service;
import io.j8s.common.json.Json;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class RoutesTest {

    private static final Routes.PortStates FRESH = (service, port) -> new PortState(new Balancer(), null);

    private static Service service(String spec) {
        return Json.read(("{'metadata':{'namespace':'shop','name':'web'},'spec':" + spec + "}").replace('\'', '"'), Service.class);
    }

    private static Endpoints endpoints(String subsets) {
        return Json.read(("{'metadata':{'namespace':'shop','name':'web'},'subsets':" + subsets + "}").replace('\'', '"'),
            Endpoints.class);
    }

    @Test
    void readyAddressesOfTheSubsetsServingAPortAreItsEndpointsInAStableOrder() {
        ServiceRoute route = Routes.of(service("{'ports':[{'port':80,'targetPort':8080}]}"), endpoints("["
            + "{'addresses':[{'ip':'127.0.0.1'}],'ports':[{'port':31002}]},"
            + "{'addresses':[{'ip':'127.0.0.1'}],'notReadyAddresses':[{'ip':'127.0.0.2'}],'ports':[{'port':31001}]},"
            + "{'addresses':[{'ip':'10.0.0.9'},{'ip':'10.0.0.8'}],'ports':[{'port':8080}]}]"), FRESH).orElseThrow();
        PortRoute port = route.port(null).orElseThrow();
        assertThat(port.ready()).containsExactly(new Endpoint("10.0.0.8", 8080), new Endpoint("10.0.0.9", 8080),
            new Endpoint("127.0.0.1", 31001), new Endpoint("127.0.0.1", 31002));
        assertThat(port.notReady()).isEqualTo(1);
        assertThat(route.key()).isEqualTo(new ServiceKey("shop", "web"));
    }

    @Test
    void eachServicePortTakesTheEndpointPortOfTheSameName() {
        ServiceRoute route = Routes.of(service("{'ports':[{'name':'http','port':80},{'name':'admin','port':9090}]}"),
            endpoints("[{'addresses':[{'ip':'127.0.0.1'}],'ports':[{'name':'admin','port':32001},{'name':'http','port':32000}]},"
                + "{'addresses':[{'ip':'127.0.0.1'}],'ports':[{'name':'http','port':32100}]}]"), FRESH).orElseThrow();
        assertThat(route.port("http").orElseThrow().ready())
            .containsExactly(new Endpoint("127.0.0.1", 32000), new Endpoint("127.0.0.1", 32100));
        assertThat(route.port("admin").orElseThrow().ready()).containsExactly(new Endpoint("127.0.0.1", 32001));
    }

    @Test
    void withoutEndpointsThePortsAreRoutedButEmpty() {
        ServiceRoute route = Routes.of(service("{'ports':[{'port':80}]}"), null, FRESH).orElseThrow();
        assertThat(route.port(null).orElseThrow().ready()).isEmpty();
    }

    @Test
    void externalNameAndNonTcpPortsAreNotRouted() {
        assertThat(Routes.of(service("{'type':'ExternalName','externalName':'db.example.com'}"), null, FRESH)).isEmpty();
        assertThat(Routes.of(service("{'ports':[{'port':53,'protocol':'UDP'}]}"), null, FRESH)).isEmpty();
        ServiceRoute mixed = Routes.of(service("{'ports':[{'name':'dns','port':53,'protocol':'UDP'},{'name':'dns-tcp','port':53}]}"),
            null, FRESH).orElseThrow();
        assertThat(mixed.ports()).extracting(PortRoute::name).containsExactly("dns-tcp");
    }

    @Test
    void nodePortsCountOnlyForNodePortAndLoadBalancerServices() {
        assertThat(Routes.of(service("{'type':'NodePort','ports':[{'port':80,'nodePort':30080}]}"), null, FRESH)
            .orElseThrow().port(null).orElseThrow().nodePort()).isEqualTo(30080);
        assertThat(Routes.of(service("{'type':'LoadBalancer','ports':[{'port':80,'nodePort':30081}]}"), null, FRESH)
            .orElseThrow().nodePort(30081)).isPresent();
        assertThat(Routes.of(service("{'type':'ClusterIP','ports':[{'port':80,'nodePort':30082}]}"), null, FRESH)
            .orElseThrow().port(null).orElseThrow().nodePort()).isNull();
    }

    @Test
    void clientIpAffinityWithItsTimeout() {
        assertThat(Routes.of(service("{'ports':[{'port':80}]}"), null, FRESH).orElseThrow().affinity())
            .isEqualTo(SessionAffinity.NONE);
        assertThat(Routes.of(service("{'sessionAffinity':'ClientIP','ports':[{'port':80}]}"), null, FRESH).orElseThrow()
            .affinity()).isEqualTo(SessionAffinity.clientIp(Duration.ofHours(3)));
        assertThat(Routes.of(service("{'sessionAffinity':'ClientIP','sessionAffinityConfig':{'clientIP':{'timeoutSeconds':60}},"
            + "'ports':[{'port':80}]}"), null, FRESH).orElseThrow().affinity()).isEqualTo(SessionAffinity.clientIp(Duration.ofSeconds(60)));
    }

    @Test
    void portsAreChosenByNameByNumberOrByTheHostPort() {
        ServiceRoute route = Routes.of(service("{'ports':[{'name':'http','port':80},{'name':'admin','port':9090}]}"),
            null, FRESH).orElseThrow();
        assertThat(route.port(null).orElseThrow().name()).isEqualTo("http");
        assertThat(route.port("admin").orElseThrow().port()).isEqualTo(9090);
        assertThat(route.port("9090").orElseThrow().name()).isEqualTo("admin");
        assertThat(route.port("8080")).isEmpty();
        assertThat(route.port("metrics")).isEmpty();
        assertThat(route.portForHost(9090).name()).isEqualTo("admin");
        assertThat(route.portForHost(10280).name()).as("the proxy's own port: the default").isEqualTo("http");
        assertThat(route.portForHost(null).name()).isEqualTo("http");
        assertThat(route.ports()).extracting(PortRoute::id).containsExactly("http", "admin");
        assertThat(Routes.of(service("{'ports':[{'port':8080}]}"), null, FRESH).orElseThrow().ports())
            .extracting(PortRoute::id).containsExactly("8080");
        assertThat(List.of(route.port("http").orElseThrow().state())).doesNotContainNull();
    }
}
