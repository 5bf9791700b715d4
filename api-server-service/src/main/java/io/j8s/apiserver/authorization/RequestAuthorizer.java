package io.j8s.apiserver.authorization;

import io.j8s.apiserver.rbac.RbacAuthorizer;
import io.j8s.apiserver.security.RequestInfo;
import io.j8s.apiserver.security.UserInfo;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * kube-apiserver's authorizer chain: {@code system:masters} may do anything, then the Node authorizer decides for
 * node agents, then RBAC. The first to allow or deny decides; when none allows, the request is forbidden with the
 * reasons they gave.
 */
@Component
public class RequestAuthorizer implements Authorizer {

    private final List<Authorizer> chain;

    public RequestAuthorizer(NodeAuthorizer nodes, RbacAuthorizer rbac) {
        this.chain = List.of(new PrivilegedGroupAuthorizer(), nodes, rbac);
    }

    @Override
    public Mono<Decision> authorize(UserInfo user, RequestInfo request) {
        List<String> reasons = new ArrayList<>();
        return Flux.fromIterable(chain)
            .concatMap(authorizer -> authorizer.authorize(user, request))
            .doOnNext(decision -> {
                if (!decision.reason().isEmpty()) {
                    reasons.add(decision.reason());
                }
            })
            .filter(decision -> decision.outcome() != Decision.Outcome.NO_OPINION)
            .next()
            .defaultIfEmpty(Decision.NO_OPINION)
            .map(decision -> new Decision(decision.outcome(), String.join(", ", reasons)));
    }

    /** {@code system:masters}: the cluster's superusers, allowed before any policy is even loaded. */
    private static final class PrivilegedGroupAuthorizer implements Authorizer {

        @Override
        public Mono<Decision> authorize(UserInfo user, RequestInfo request) {
            return Mono.just(user.inGroup(UserInfo.SYSTEM_MASTERS) ? Decision.ALLOW : Decision.NO_OPINION);
        }
    }
}
