package io.j8s.nodeagent.node;

import io.j8s.common.api.Resources;
import io.j8s.common.api.coordination.Lease;
import io.j8s.common.api.coordination.LeaseSpec;
import io.j8s.common.api.core.Node;
import io.j8s.common.api.core.NodeCondition;
import io.j8s.common.api.meta.Conditions;
import io.j8s.common.api.meta.ObjectMeta;
import io.j8s.common.api.meta.OwnerReference;
import io.j8s.common.api.meta.Times;
import io.j8s.common.client.ApiClient;
import io.j8s.common.client.ApiException;
import io.j8s.common.client.PatchType;
import io.j8s.common.json.Json;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Keeps this agent's Nodes alive in the API server, as the kubelet's node status manager and lease controller do:
 * registers each Node (or updates it when it exists), renews its Lease in {@code kube-node-lease} every
 * {@code leaseRenewInterval}, and writes its status when the conditions change and at least every
 * {@code statusReportInterval}. One heartbeat serves many nodes (the simulated runtime's), a bounded number of
 * writes in flight at a time.
 */
public final class NodeHeartbeat implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(NodeHeartbeat.class);
    public static final String LEASE_NAMESPACE = "kube-node-lease";
    static final int LEASE_DURATION_SECONDS = 40;
    private static final int CONCURRENCY = 32;
    private static final Duration TIMEOUT = Duration.ofMinutes(5);

    private final NodeClients clients;
    private final List<NodeTemplate> nodes;
    private final Supplier<NodeConditions> conditions;
    private final Duration leaseRenewInterval;
    private final Duration statusReportInterval;
    private final Map<String, List<NodeCondition>> reported = new ConcurrentHashMap<>();
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "node-heartbeat");
        thread.setDaemon(true);
        return thread;
    });
    private volatile NodeConditions lastConditions;
    private volatile long lastStatusNanos;
    private volatile boolean registered;

    public NodeHeartbeat(NodeClients clients, List<NodeTemplate> nodes, Supplier<NodeConditions> conditions,
            Duration leaseRenewInterval, Duration statusReportInterval) {
        this.clients = clients;
        this.nodes = List.copyOf(nodes);
        this.conditions = conditions;
        this.leaseRenewInterval = leaseRenewInterval;
        this.statusReportInterval = statusReportInterval;
    }

    /** Registers the nodes in the background (retrying until the API server answers), then beats. */
    public void start() {
        scheduler.execute(this::registerUntilDone);
    }

    public boolean registered() {
        return registered;
    }

    private void registerUntilDone() {
        try {
            NodeConditions now = conditions.get();
            Flux.fromIterable(nodes).flatMap(node -> register(node, now), CONCURRENCY).then().block(TIMEOUT);
            lastConditions = now;
            lastStatusNanos = System.nanoTime();
            registered = true;
            log.info("registered {} node(s): {}", nodes.size(), nodes.size() <= 5
                ? nodes.stream().map(NodeTemplate::name).toList() : nodes.get(0).name() + " ...");
            scheduler.scheduleWithFixedDelay(this::beat, leaseRenewInterval.toMillis(), leaseRenewInterval.toMillis(),
                TimeUnit.MILLISECONDS);
        } catch (RuntimeException e) {
            log.warn("registering the node(s) failed ({}); trying again in 2 s", e.toString());
            scheduler.schedule(this::registerUntilDone, 2, TimeUnit.SECONDS);
        }
    }

    private Mono<Void> register(NodeTemplate template, NodeConditions now) {
        Node node = template.toNode();
        ApiClient client = clients.forNode(template.name());
        return client.create(Resources.NODES, node)
            .onErrorResume(ApiException.class, e -> e.isAlreadyExists()
                ? client.patch(Resources.NODES, null, template.name(), PatchType.MERGE,
                    Json.write(Map.of("metadata", Map.of("labels", node.metadata().labels()))))
                : Mono.error(e))
            .flatMap(created -> {
                reported.put(template.name(), created.status() == null || created.status().conditions() == null
                    ? List.of() : created.status().conditions());
                return writeStatus(template, now).then(ensureLease(template, created));
            });
    }

    private Mono<Void> ensureLease(NodeTemplate template, Node node) {
        OwnerReference owner = new OwnerReference(Node.API_VERSION, Node.KIND, node.metadata().name(),
            node.metadata().uid(), null, null, null);
        Lease lease = Lease.of(ObjectMeta.of(LEASE_NAMESPACE, template.name()).withOwnerReferences(List.of(owner)),
            LeaseSpec.of(template.name(), LEASE_DURATION_SECONDS, null, Times.nowMicro()));
        return clients.forNode(template.name()).create(Resources.LEASES, lease).then()
            .onErrorResume(ApiException.class, e -> e.isAlreadyExists() ? renewLease(template) : Mono.error(e));
    }

    private Mono<Void> renewLease(NodeTemplate template) {
        String patch = Json.write(Map.of("spec", Map.of("holderIdentity", template.name(),
            "leaseDurationSeconds", LEASE_DURATION_SECONDS, "renewTime", Times.nowMicro())));
        return clients.forNode(template.name()).patch(Resources.LEASES, LEASE_NAMESPACE, template.name(),
            PatchType.MERGE, patch).then();
    }

    /** Writes the node's status: what the template says plus the conditions, heartbeat time now. */
    private Mono<Void> writeStatus(NodeTemplate template, NodeConditions now) {
        String time = Times.now();
        List<NodeCondition> previous = reported.getOrDefault(template.name(), List.of());
        List<NodeCondition> merged = previous;
        for (NodeCondition condition : now.toConditions()) {
            merged = Conditions.set(merged, condition.withLastHeartbeatTime(time), time);
        }
        List<NodeCondition> toWrite = merged;
        Map<String, Object> status = Json.mapper().convertValue(template.status().withConditions(toWrite), Map.class);
        return clients.forNode(template.name()).patchStatus(Resources.NODES, null, template.name(), PatchType.MERGE,
                Json.write(Map.of("status", status)))
            .doOnSuccess(written -> reported.put(template.name(), toWrite))
            .then();
    }

    /** One tick: renew every Lease; write statuses when the conditions changed or the report interval passed. */
    private void beat() {
        try {
            NodeConditions now = conditions.get();
            boolean changed = !now.equals(lastConditions);
            boolean due = System.nanoTime() - lastStatusNanos >= statusReportInterval.toNanos();
            Flux.fromIterable(nodes)
                .flatMap(node -> renewLease(node)
                    .onErrorResume(ApiException.class, e -> e.isNotFound() ? reRegister(node, now) : Mono.error(e))
                    .then(changed || due ? writeStatus(node, now) : Mono.empty())
                    .onErrorResume(e -> {
                        log.warn("heartbeat of node {} failed: {}", node.name(), e.toString());
                        return Mono.empty();
                    }), CONCURRENCY)
                .then().block(TIMEOUT);
            if (changed) {
                log.info("node conditions now: ready={}, memoryPressure={}, diskPressure={}, pidPressure={}",
                    now.runtimeUp(), now.memoryPressure(), now.diskPressure(), now.pidPressure());
            }
            lastConditions = now;
            if (changed || due) {
                lastStatusNanos = System.nanoTime();
            }
        } catch (RuntimeException e) {
            log.warn("heartbeat failed: {}", e.toString());
        }
    }

    /** The Lease (or the whole Node) is gone, e.g. deleted by an operator: register again, as the kubelet does. */
    private Mono<Void> reRegister(NodeTemplate node, NodeConditions now) {
        log.info("the Lease of node {} is gone; registering the node again", node.name());
        return register(node, now);
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
    }
}
