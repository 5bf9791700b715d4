package io.j8s.apiserver.authorization;

import io.j8s.apiserver.rest.ApiException;
import io.j8s.apiserver.security.RequestInfo;
import io.j8s.apiserver.security.UserInfo;

/**
 * The 403 a denied request answers, worded as kube-apiserver words it, e.g.
 * {@code pods is forbidden: User "jane" cannot list resource "pods" in API group "" in the namespace "default"}.
 */
public final class Forbidden {

    private Forbidden() {
    }

    public static ApiException of(UserInfo user, RequestInfo request, String reason) {
        String message = message(user, request) + (reason == null || reason.isEmpty() ? "" : ": " + reason);
        if (!request.resourceRequest()) {
            return new ApiException(403, "Forbidden", "forbidden: " + message, null, null, null, null);
        }
        String resource = request.apiGroup().isEmpty() ? request.resource()
            : request.resource() + "." + request.apiGroup();
        String subject = request.name().isEmpty() ? resource : resource + " \"" + request.name() + "\"";
        return new ApiException(403, "Forbidden", subject + " is forbidden: " + message,
            request.name().isEmpty() ? null : request.name(), request.apiGroup(), request.resource(), null);
    }

    /** The part after "is forbidden: ", from kube-apiserver's {@code forbiddenMessage}. */
    static String message(UserInfo user, RequestInfo request) {
        String name = user == null ? "" : user.name();
        if (!request.resourceRequest()) {
            return "User \"" + name + "\" cannot " + request.verb() + " path \"" + request.path() + "\"";
        }
        String resource = request.resourceWithSubresource();
        if (!request.namespace().isEmpty()) {
            return "User \"" + name + "\" cannot " + request.verb() + " resource \"" + resource + "\" in API group \""
                + request.apiGroup() + "\" in the namespace \"" + request.namespace() + "\"";
        }
        return "User \"" + name + "\" cannot " + request.verb() + " resource \"" + resource + "\" in API group \""
            + request.apiGroup() + "\" at the cluster scope";
    }
}
