package io.j8s.apiserver.nodeport;

import io.j8s.apiserver.registry.FieldError;
import io.j8s.apiserver.rest.ApiException;
import io.j8s.apiserver.storage.ListQuery;
import io.j8s.apiserver.storage.Storage;
import io.j8s.apiserver.storage.StorageEvent;
import io.j8s.apiserver.storage.StoredList;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Where Services are stored: the etcd store, plus the node ports they hold. As in Kubernetes' Service REST storage
 * (BeginCreate / BeginUpdate / AfterDelete around the generic store), ports are claimed before a Service is
 * written, given back if the write fails, and released once a written or deleted Service no longer uses them.
 * Every write of a Service (create, update, status, delete, the end of a finalizer) passes through here, so no path
 * can leave a port held by a Service that does not use it, or let two Services store the same port.
 */
public class ServiceStorage implements Storage {

    private static final Logger log = LoggerFactory.getLogger(ServiceStorage.class);

    private final Storage store;
    private final NodePortAllocator ports;

    public ServiceStorage(Storage store, NodePortAllocator ports) {
        this.store = store;
        this.ports = ports;
    }

    @Override
    public Mono<ObjectNode> create(String key, ObjectNode service) {
        return allocate(service).flatMap(claimed -> store.create(key, service)
            .onErrorResume(error -> giveBack(claimed, service).then(Mono.error(error))));
    }

    @Override
    public Mono<ObjectNode> update(String key, ObjectNode service, long expectedRevision) {
        return allocate(service).flatMap(claimed -> store.update(key, service, expectedRevision)
            .onErrorResume(error -> giveBack(claimed, service).then(Mono.error(error)))
            .flatMap(stored -> releaseAllExcept(stored, nodePortsOf(stored)).thenReturn(stored)));
    }

    @Override
    public Mono<ObjectNode> delete(String key, long expectedRevision) {
        return store.delete(key, expectedRevision).flatMap(gone -> releaseAllExcept(gone, Set.of()).thenReturn(gone));
    }

    @Override
    public Mono<ObjectNode> get(String key) {
        return store.get(key);
    }

    @Override
    public Mono<ObjectNode> getCached(String key) {
        return store.getCached(key);
    }

    @Override
    public Mono<StoredList> list(String prefix, ListQuery query) {
        return store.list(prefix, query);
    }

    @Override
    public Flux<StorageEvent> watch(String prefix, long afterRevision) {
        return store.watch(prefix, afterRevision);
    }

    @Override
    public Mono<Long> currentRevision() {
        return store.currentRevision();
    }

    /**
     * Claims the node ports {@code service} asks for and fills in the ones it needs but left out; emits the ports
     * newly claimed (to give back if the write fails). On failure, gives back what it claimed and answers 422 as
     * Kubernetes does: {@code spec.ports[0].nodePort: Invalid value: 30080: provided port is already allocated}.
     */
    private Mono<List<Integer>> allocate(ObjectNode service) {
        JsonNode spec = service.path("spec");
        List<ObjectNode> servicePorts = new ArrayList<>();
        spec.path("ports").forEach(p -> {
            if (p instanceof ObjectNode port) {
                servicePorts.add(port);
            }
        });
        if (servicePorts.isEmpty()) {
            return Mono.just(List.of());
        }
        NodePortAllocator.Holder holder = holder(service);
        boolean allocates = needsNodePorts(spec);
        List<Integer> claimed = new ArrayList<>();
        // Requested ports first, so a port picked at random never takes one the same Service asks for.
        Flux<Void> requested = Flux.range(0, servicePorts.size()).concatMap(i -> {
            int nodePort = servicePorts.get(i).path("nodePort").asInt(0);
            if (nodePort == 0) {
                return Mono.empty();
            }
            if (!ports.range().contains(nodePort)) {
                return Mono.error(invalid(service, i, nodePort, "provided port is not in the valid range. "
                    + "The range of valid ports is " + ports.range()));
            }
            return ports.claim(nodePort, holder)
                .doOnNext(fresh -> {
                    if (fresh) {
                        claimed.add(nodePort);
                    }
                })
                .onErrorMap(NodePortAllocator.AllocatedException.class,
                    e -> invalid(service, i, nodePort, e.getMessage()))
                .then();
        });
        Flux<Void> picked = Flux.range(0, servicePorts.size()).concatMap(i -> {
            ObjectNode port = servicePorts.get(i);
            if (!allocates || port.path("nodePort").asInt(0) != 0) {
                return Mono.empty();
            }
            return ports.claimAny(holder)
                .doOnNext(nodePort -> {
                    claimed.add(nodePort);
                    port.put("nodePort", nodePort);
                })
                .onErrorMap(NodePortAllocator.RangeFullException.class,
                    e -> invalid(service, i, 0, "failed to allocate a nodePort: " + e.getMessage()))
                .then();
        });
        return Mono.defer(() -> requested.thenMany(picked).then(Mono.fromSupplier(() -> List.copyOf(claimed))))
            .onErrorResume(error -> giveBack(claimed, service).then(Mono.error(error)));
    }

    /** Releases the ports {@code service} holds but {@code used}. Never fails the write it follows. */
    private Mono<Void> releaseAllExcept(ObjectNode service, Set<Integer> used) {
        String uid = holder(service).uid();
        if (uid.isEmpty()) {
            return Mono.empty();
        }
        return ports.releaseAllExcept(uid, used)
            .onErrorResume(error -> {
                log.warn("Service {}: could not release its unused node ports ({}); they are freed when claimed again",
                    name(service), error.toString());
                return Mono.empty();
            });
    }

    private static Set<Integer> nodePortsOf(ObjectNode service) {
        Set<Integer> used = new LinkedHashSet<>();
        service.path("spec").path("ports").forEach(p -> {
            if (p.path("nodePort").asInt(0) != 0) {
                used.add(p.path("nodePort").asInt());
            }
        });
        return used;
    }

    private Mono<Void> giveBack(List<Integer> claimed, ObjectNode service) {
        String uid = holder(service).uid();
        return Flux.fromIterable(List.copyOf(claimed))
            .concatMap(port -> ports.release(port, uid))
            .onErrorResume(error -> {
                log.warn("Service {}: could not give back node ports {} ({}); they are freed when claimed again",
                    name(service), claimed, error.toString());
                return Mono.empty();
            })
            .then();
    }

    /** NodePort, and LoadBalancer unless {@code allocateLoadBalancerNodePorts} is false. */
    private static boolean needsNodePorts(JsonNode spec) {
        String type = spec.path("type").asString("");
        return "NodePort".equals(type)
            || ("LoadBalancer".equals(type) && spec.path("allocateLoadBalancerNodePorts").asBoolean(true));
    }

    private static NodePortAllocator.Holder holder(ObjectNode service) {
        JsonNode meta = service.path("metadata");
        return new NodePortAllocator.Holder(meta.path("namespace").asString(""), meta.path("name").asString(""),
            meta.path("uid").asString(""));
    }

    private static String name(ObjectNode service) {
        return service.path("metadata").path("namespace").asString("") + "/"
            + service.path("metadata").path("name").asString("");
    }

    private static ApiException invalid(ObjectNode service, int index, int nodePort, String detail) {
        return ApiException.invalid("", "Service", service.path("metadata").path("name").asString(""),
            List.of(FieldError.invalid("spec.ports[" + index + "].nodePort", nodePort, detail)));
    }
}
