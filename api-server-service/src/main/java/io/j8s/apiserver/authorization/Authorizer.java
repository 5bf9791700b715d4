package io.j8s.apiserver.authorization;

import io.j8s.apiserver.security.RequestInfo;
import io.j8s.apiserver.security.UserInfo;
import reactor.core.publisher.Mono;

/** Decides whether a user may do what a request asks (one link of the authorizer chain). */
public interface Authorizer {

    Mono<Decision> authorize(UserInfo user, RequestInfo request);
}
