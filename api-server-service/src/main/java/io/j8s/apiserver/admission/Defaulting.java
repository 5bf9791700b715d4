package io.j8s.apiserver.admission;

import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/** Kubernetes' defaults for the kind (restartPolicy Always, RollingUpdate 25%/25%, ...), filled in place. */
@Component
class Defaulting implements AdmissionPlugin {

    @Override
    public Mono<Void> admit(AdmissionRequest request) {
        if (request.object() != null) {
            request.definition().strategy().applyDefaults(request.object());
        }
        return Mono.empty();
    }
}
