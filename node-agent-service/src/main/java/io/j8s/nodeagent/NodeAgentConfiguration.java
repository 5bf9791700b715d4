package io.j8s.nodeagent;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.httpclient5.ApacheDockerHttpClient;
import io.j8s.common.client.ApiClient;
import io.j8s.common.client.ApiServerCredentials;
import io.j8s.common.events.EventRecorder;
import io.j8s.nodeagent.docker.DockerEngine;
import io.j8s.nodeagent.docker.DockerLogSource;
import io.j8s.nodeagent.docker.DockerPodRuntime;
import io.j8s.nodeagent.logs.ContainerLogSource;
import io.j8s.nodeagent.node.NodeClients;
import io.j8s.nodeagent.pod.PodRuntime;
import io.j8s.nodeagent.simulated.SimulatedNodes;
import io.j8s.nodeagent.simulated.SimulatedPodRuntime;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import reactor.core.publisher.Flux;

/** The agent's parts for the configured runtime: Docker (docker-java over httpclient5) or simulated. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({NodeAgentProperties.class, ApiServerCredentials.class})
class NodeAgentConfiguration {

    @Bean
    ApiClient apiClient(NodeAgentProperties properties, ApiServerCredentials credentials) {
        return new ApiClient(properties.apiServerUrl(), credentials);
    }

    @Bean
    SimulatedNodes simulatedNodes(NodeAgentProperties properties) {
        return new SimulatedNodes(properties);
    }

    /** Simulated nodes with a token directory write as themselves; everything else with the agent's token. */
    @Bean
    NodeClients nodeClients(NodeAgentProperties properties, ApiClient client, SimulatedNodes simulated) {
        String tokenDir = properties.simulated().tokenDir();
        if (!properties.isSimulated() || tokenDir == null || tokenDir.isBlank()) {
            return NodeClients.shared(client);
        }
        return NodeClients.fromTokenDirectory(client, Path.of(tokenDir), simulated.names());
    }

    @Bean(destroyMethod = "")
    PodRuntime podRuntime(NodeAgentProperties properties, ApiClient client, SimulatedNodes simulated) {
        if (properties.isSimulated()) {
            return new SimulatedPodRuntime(properties.simulated().startupDelay(), simulated.addresses(),
                Clock.systemUTC());
        }
        DockerClientConfig config = DefaultDockerClientConfig.createDefaultConfigBuilder()
            .withDockerHost(properties.docker().host()).build();
        // No response timeout: log follows and the event stream stay open for as long as they last.
        ApacheDockerHttpClient http = new ApacheDockerHttpClient.Builder()
            .dockerHost(config.getDockerHost())
            .sslConfig(config.getSSLConfig())
            .maxConnections(256)
            .connectionTimeout(Duration.ofSeconds(10))
            .build();
        DockerClient docker = DockerClientImpl.getInstance(config, http);
        EventRecorder events = new EventRecorder(client, "kubelet", properties.nodeName());
        return new DockerPodRuntime(new DockerEngine(docker, properties.nodeName()), properties, events,
            Clock.systemUTC());
    }

    @Bean
    ContainerLogSource containerLogSource(PodRuntime runtime) {
        if (runtime instanceof DockerPodRuntime docker) {
            return new DockerLogSource(docker);
        }
        return (namespace, pod, container, request) -> Flux.empty(); // simulated containers print nothing
    }
}
