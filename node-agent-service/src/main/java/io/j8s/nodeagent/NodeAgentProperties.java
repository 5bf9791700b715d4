package io.j8s.nodeagent;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The node agent's settings ({@code j8s.node-agent.*}).
 *
 * @param nodeName            the Node this agent registers and runs pods for; default the host name
 * @param runtime             {@code docker} (real containers) or {@code simulated} (no containers, like kwok)
 * @param advertiseAddress    the node's InternalIP: where published ports and the log endpoint are reached
 * @param network             how pods get their IP and ports
 * @param sandbox             the container that holds each pod's network namespace
 * @param capacity            what the Node offers; empty values are read from the host
 * @param labels              extra Node labels
 * @param leaseRenewInterval  how often the Lease in {@code kube-node-lease} is renewed (kubelet: 10 s)
 * @param statusReportInterval how often Node status is written even when nothing changed (kubelet: 1 min)
 * @param resyncInterval      how often every pod is looked at again even without a change
 * @param workers             pods synced at once (a graceful stop holds its worker for the grace period)
 * @param docker              where dockerd is
 * @param simulated           the simulated runtime's nodes and timing
 */
@ConfigurationProperties("j8s.node-agent")
public record NodeAgentProperties(
        String apiServerUrl,
        String nodeName,
        String runtime,
        String advertiseAddress,
        Network network,
        Sandbox sandbox,
        Capacity capacity,
        Map<String, String> labels,
        Duration leaseRenewInterval,
        Duration statusReportInterval,
        Duration resyncInterval,
        int workers,
        Docker docker,
        Simulated simulated) {

    public static final String DOCKER = "docker";
    public static final String SIMULATED = "simulated";

    public NodeAgentProperties {
        apiServerUrl = blank(apiServerUrl) ? "https://127.0.0.1:8080" : apiServerUrl;
        nodeName = blank(nodeName) ? hostName() : nodeName.toLowerCase(Locale.ROOT);
        runtime = blank(runtime) ? DOCKER : runtime.toLowerCase(Locale.ROOT);
        if (!runtime.equals(DOCKER) && !runtime.equals(SIMULATED)) {
            throw new IllegalArgumentException("j8s.node-agent.runtime must be docker or simulated, not " + runtime);
        }
        advertiseAddress = blank(advertiseAddress) ? "127.0.0.1" : advertiseAddress;
        network = network == null ? new Network(null, null, null) : network;
        sandbox = sandbox == null ? new Sandbox(null, null) : sandbox;
        capacity = capacity == null ? new Capacity(null, null, null) : capacity;
        labels = labels == null ? Map.of() : Map.copyOf(labels);
        leaseRenewInterval = leaseRenewInterval == null ? Duration.ofSeconds(10) : leaseRenewInterval;
        statusReportInterval = statusReportInterval == null ? Duration.ofMinutes(1) : statusReportInterval;
        resyncInterval = resyncInterval == null ? Duration.ofSeconds(10) : resyncInterval;
        workers = workers <= 0 ? 16 : workers;
        docker = docker == null ? new Docker(null) : docker;
        simulated = simulated == null ? new Simulated(0, null, null, null, null) : simulated;
    }

    public boolean isSimulated() {
        return SIMULATED.equals(runtime);
    }

    /**
     * @param mode          {@code host-port}: every declared container port is published on the advertise address
     *                      and the pod's IP is that address; {@code bridge}: the pod gets its own IP on a Docker
     *                      network and is reached on its container ports
     * @param bridgeNetwork the Docker network of bridge mode (created when missing)
     * @param hostPortRange where host-port mode allocates ports, {@code from-to}
     */
    public record Network(String mode, String bridgeNetwork, String hostPortRange) {

        public static final String HOST_PORT = "host-port";
        public static final String BRIDGE = "bridge";

        public Network {
            mode = blank(mode) ? HOST_PORT : mode.toLowerCase(Locale.ROOT);
            if (!mode.equals(HOST_PORT) && !mode.equals(BRIDGE)) {
                throw new IllegalArgumentException("j8s.node-agent.network.mode must be host-port or bridge, not " + mode);
            }
            bridgeNetwork = blank(bridgeNetwork) ? "j8s" : bridgeNetwork;
            hostPortRange = blank(hostPortRange) ? "40000-49999" : hostPortRange;
        }

        public boolean hostPort() {
            return HOST_PORT.equals(mode);
        }

        public int rangeStart() {
            return Integer.parseInt(hostPortRange.split("-")[0].strip());
        }

        public int rangeEnd() {
            return Integer.parseInt(hostPortRange.split("-")[1].strip());
        }
    }

    /**
     * The pod sandbox (the kubelet's pause container). The default runs a shell that sleeps and exits at once on
     * SIGTERM, so pods stop fast; with a real pause image set an empty command.
     */
    public record Sandbox(String image, java.util.List<String> command) {

        public static final java.util.List<String> SLEEP_UNTIL_TERM = java.util.List.of("sh", "-c",
            "trap 'exit 0' TERM INT; while true; do sleep 3600 & wait $!; done");

        public Sandbox {
            image = blank(image) ? "j8s.local/busybox:1.36" : image;
            command = command == null ? SLEEP_UNTIL_TERM : java.util.List.copyOf(command);
        }
    }

    /** Quantities as on a Node ({@code 2}, {@code 1500m}, {@code 4Gi}); null means the host's own. */
    public record Capacity(String cpu, String memory, String pods) {

        public Capacity {
            pods = blank(pods) ? "110" : pods;
        }
    }

    /** @param host dockerd's address; default DOCKER_HOST or the local socket */
    public record Docker(String host) {

        public Docker {
            host = blank(host) ? System.getenv().getOrDefault("DOCKER_HOST", "unix:///var/run/docker.sock") : host;
        }
    }

    /**
     * The simulated runtime (like kwok): Nodes that exist only as API objects, whose pods never run anything.
     *
     * @param nodes        how many nodes this process hosts ({@code <prefix>1} ... {@code <prefix>N})
     * @param namePrefix   node names are this plus a number
     * @param startupDelay how long after a pod is bound it is reported Running and Ready
     * @param taint        whether simulated nodes carry {@code j8s.io/simulated=true:NoSchedule}, so only pods that
     *                     tolerate it (or name the node) land there, as kwok's nodes do
     * @param tokenDir     a directory holding {@code <node>.token} for every simulated node: each node writes its own
     *                     objects as {@code system:node:<node>}; empty: every node uses the agent's own token
     */
    public record Simulated(int nodes, String namePrefix, Duration startupDelay, Boolean taint, String tokenDir) {

        public Simulated {
            nodes = Math.max(nodes, 0);
            namePrefix = blank(namePrefix) ? "sim-node-" : namePrefix;
            startupDelay = startupDelay == null ? Duration.ofSeconds(1) : startupDelay;
            taint = taint == null || taint;
        }
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName().toLowerCase(Locale.ROOT);
        } catch (UnknownHostException e) {
            return "localhost";
        }
    }
}
