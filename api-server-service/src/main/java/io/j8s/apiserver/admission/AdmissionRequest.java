package io.j8s.apiserver.admission;

import io.j8s.apiserver.registry.ResourceDefinition;
import io.j8s.apiserver.rest.ApiException;
import io.j8s.apiserver.security.UserInfo;
import io.j8s.apiserver.store.Subresource;
import tools.jackson.databind.node.ObjectNode;

/**
 * One write as the admission plugins see it (Kubernetes' admission attributes): the operation, the kind, namespace,
 * name and subresource, the object to be stored ({@code object}, which mutating plugins may change in place; null
 * for deletes), the stored one ({@code oldObject}; null for creates) and who asks ({@code user}; null for the API
 * server's own writes).
 */
public record AdmissionRequest(
    Operation operation,
    ResourceDefinition definition,
    String namespace,
    String name,
    Subresource subresource,
    ObjectNode object,
    ObjectNode oldObject,
    UserInfo user) {

    public enum Operation { CREATE, UPDATE, DELETE }

    /** {@code pods "web-1" is forbidden: why}, kube-apiserver's admission refusal. */
    public ApiException forbidden(String why) {
        String resource = definition.qualifiedName();
        String subject = name == null || name.isEmpty() ? resource : resource + " \"" + name + "\"";
        return new ApiException(403, "Forbidden", subject + " is forbidden: " + why,
            name == null || name.isEmpty() ? null : name, definition.group(), definition.plural(), null);
    }
}
