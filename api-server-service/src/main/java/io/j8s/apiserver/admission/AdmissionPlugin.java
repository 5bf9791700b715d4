package io.j8s.apiserver.admission;

import reactor.core.publisher.Mono;

/**
 * One admission step. Completes empty to let the write go on (having changed {@code request.object()} if it mutates),
 * or fails with an {@code ApiException} that becomes the answer.
 */
public interface AdmissionPlugin {

    Mono<Void> admit(AdmissionRequest request);
}
