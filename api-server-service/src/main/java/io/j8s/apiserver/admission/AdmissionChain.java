package io.j8s.apiserver.admission;

import io.j8s.apiserver.audit.AuditEvent;
import io.j8s.apiserver.registry.ResourceDefinition;
import io.j8s.apiserver.security.CurrentUser;
import io.j8s.apiserver.store.Subresource;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.node.ObjectNode;

/**
 * Every write passes these plugins, in this order, after authorization and before storage: namespace lifecycle,
 * defaulting, node restriction, RBAC escalation, validation. The store calls it where it writes; the user comes from
 * the request's security context.
 */
@Component
public class AdmissionChain {

    private final List<AdmissionPlugin> plugins;

    public AdmissionChain(NamespaceLifecycle namespaceLifecycle, Defaulting defaulting,
                          NodeRestriction nodeRestriction, RbacEscalation rbacEscalation, Validation validation) {
        this.plugins = List.of(namespaceLifecycle, defaulting, nodeRestriction, rbacEscalation, validation);
    }

    public Mono<Void> admit(AdmissionRequest.Operation operation, ResourceDefinition definition, String namespace,
                            String name, Subresource subresource, ObjectNode object, ObjectNode oldObject) {
        Mono<Void> recordName = operation != AdmissionRequest.Operation.CREATE ? Mono.empty()
            : Mono.deferContextual(context -> {
                context.<AuditEvent>getOrEmpty(AuditEvent.class).ifPresent(event -> event.createdName(name));
                return Mono.empty();
            });
        return recordName.then(CurrentUser.get().map(Optional::of).defaultIfEmpty(Optional.empty()))
            .flatMap(user -> {
                AdmissionRequest request = new AdmissionRequest(operation, definition, namespace, name, subresource,
                    object, oldObject, user.orElse(null));
                return Flux.fromIterable(plugins).concatMap(plugin -> plugin.admit(request)).then();
            });
    }
}
