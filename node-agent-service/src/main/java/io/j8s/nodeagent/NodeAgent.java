package io.j8s.nodeagent;

import io.j8s.common.client.ApiClient;
import io.j8s.nodeagent.docker.DockerPodRuntime;
import io.j8s.nodeagent.node.HostResources;
import io.j8s.nodeagent.node.NodeClients;
import io.j8s.nodeagent.node.NodeConditions;
import io.j8s.nodeagent.node.NodeHeartbeat;
import io.j8s.nodeagent.node.NodeTemplate;
import io.j8s.nodeagent.pod.PodController;
import io.j8s.nodeagent.pod.PodRuntime;
import io.j8s.nodeagent.simulated.SimulatedNodes;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * Starts the node agent once its HTTP port is known (the Node advertises it for logs): the runtime, the Node
 * heartbeat, then the pod controller. On shutdown it stops watching and beating but leaves the containers running,
 * as the kubelet does: a restarted agent adopts them.
 */
@Component
class NodeAgent implements ApplicationListener<ApplicationReadyEvent>, DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(NodeAgent.class);

    private final NodeAgentProperties properties;
    private final ApiClient client;
    private final NodeClients clients;
    private final PodRuntime runtime;
    private final SimulatedNodes simulated;
    private final Environment environment;
    private NodeHeartbeat heartbeat;
    private PodController pods;

    NodeAgent(NodeAgentProperties properties, ApiClient client, NodeClients clients, PodRuntime runtime,
            SimulatedNodes simulated, Environment environment) {
        this.properties = properties;
        this.client = client;
        this.clients = clients;
        this.runtime = runtime;
        this.simulated = simulated;
        this.environment = environment;
    }

    @Override
    public synchronized void onApplicationEvent(ApplicationReadyEvent event) {
        if (pods != null) {
            return;
        }
        int port = environment.getProperty("local.server.port", Integer.class,
            environment.getProperty("server.port", Integer.class, 10250));
        List<NodeTemplate> nodes;
        Supplier<NodeConditions> conditions;
        if (runtime instanceof DockerPodRuntime docker) {
            docker.start();
            String version = docker.engine().client().versionCmd().exec().getVersion();
            nodes = List.of(dockerNode(port, version));
            conditions = () -> dockerConditions(docker);
        } else {
            nodes = simulated.templates(port, nodeInfo("simulated://j8s"));
            conditions = NodeConditions::healthy;
        }
        heartbeat = new NodeHeartbeat(clients, nodes, conditions, properties.leaseRenewInterval(),
            properties.statusReportInterval());
        heartbeat.start();
        Set<String> names = Set.copyOf(nodes.stream().map(NodeTemplate::name).toList());
        pods = new PodController(client, clients, names, runtime, properties.workers(), properties.resyncInterval());
        pods.start();
        log.info("node agent for {} ({} runtime, {} network) started; logs on :{}",
            names.size() == 1 ? names.iterator().next() : names.size() + " nodes", properties.runtime(),
            properties.network().mode(), port);
    }

    private NodeTemplate dockerNode(int port, String dockerVersion) {
        NodeAgentProperties.Capacity configured = properties.capacity();
        Map<String, String> capacity = new LinkedHashMap<>();
        capacity.put("cpu", configured.cpu() != null ? configured.cpu() : Integer.toString(HostResources.cpus()));
        capacity.put("memory", configured.memory() != null ? configured.memory()
            : (HostResources.memoryBytes() / 1024) + "Ki");
        capacity.put("pods", configured.pods());
        Map<String, String> labels = new LinkedHashMap<>(properties.labels());
        labels.put("j8s.io/runtime", NodeAgentProperties.DOCKER);
        return new NodeTemplate(properties.nodeName(), labels, List.of(), capacity, properties.advertiseAddress(), port,
            nodeInfo("docker://" + dockerVersion));
    }

    private static Map<String, String> nodeInfo(String runtimeVersion) {
        Map<String, String> info = new LinkedHashMap<>();
        info.put("architecture", System.getProperty("os.arch"));
        info.put("containerRuntimeVersion", runtimeVersion);
        info.put("kernelVersion", System.getProperty("os.version"));
        info.put("kubeProxyVersion", "v1.32.0-j8s");
        info.put("kubeletVersion", "v1.32.0-j8s");
        info.put("operatingSystem", "linux");
        info.put("osImage", System.getProperty("os.name") + " (j8s node agent)");
        return info;
    }

    private NodeConditions dockerConditions(DockerPodRuntime docker) {
        boolean up = true;
        String problem = null;
        try {
            docker.engine().ping();
        } catch (RuntimeException e) {
            up = false;
            problem = e.getMessage();
        }
        return new NodeConditions(up, problem, HostResources.memoryPressure(), HostResources.diskPressure(Path.of("/")),
            HostResources.pidPressure());
    }

    @Override
    public synchronized void destroy() {
        if (pods != null) {
            pods.close();
        }
        if (heartbeat != null) {
            heartbeat.close();
        }
        if (runtime instanceof AutoCloseable closeable) {
            try {
                closeable.close();
            } catch (Exception e) {
                log.warn("closing the runtime failed: {}", e.toString());
            }
        }
    }
}
