package io.j8s.apiserver.rbac;

import io.j8s.apiserver.authorization.Authorizer;
import io.j8s.apiserver.authorization.Decision;
import io.j8s.apiserver.rest.ApiException;
import io.j8s.apiserver.security.RequestInfo;
import io.j8s.apiserver.security.UserInfo;
import java.time.Duration;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * RBAC: allows what a user's Roles and ClusterRoles allow, from the in-memory {@link RbacCache}. Until the
 * bootstrap policy is stored and cached (right after startup, or while etcd is unreachable) requests wait a
 * little, then answer 503 rather than a 403 that would be wrong a moment later.
 */
@Component
public class RbacAuthorizer implements Authorizer {

    private static final Duration POLICY_WAIT = Duration.ofSeconds(20);

    private final RuleResolver rules;
    private final PolicyBootstrapper policy;

    public RbacAuthorizer(RuleResolver rules, PolicyBootstrapper policy) {
        this.rules = rules;
        this.policy = policy;
    }

    @Override
    public Mono<Decision> authorize(UserInfo user, RequestInfo request) {
        Mono<Decision> decide = Mono.fromSupplier(() -> rules.allows(user, request) ? Decision.ALLOW
            : Decision.NO_OPINION);
        if (policy.isReady()) {
            return decide;
        }
        return policy.ready()
            .timeout(POLICY_WAIT, Mono.error(() -> ApiException.unavailable(
                "the authorization policy is not loaded yet (is etcd reachable?), try again later")))
            .then(decide);
    }
}
