package io.j8s.apiserver.audit;

import io.j8s.apiserver.security.RequestInfo;
import io.j8s.apiserver.security.UserInfo;
import io.j8s.common.json.Json;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * One mutating request as kube-apiserver's audit log records it at level Metadata: who (user, groups, source IP, user
 * agent), what (verb and objectRef: resource, namespace, name, API group and version, subresource) and the answer's
 * HTTP code. Filled in while the request runs; the name of a created object arrives from admission.
 */
public final class AuditEvent {

    private final String auditId;
    private final Instant received;
    private final String requestUri;
    private final RequestInfo request;
    private final String sourceIp;
    private final String userAgent;
    private volatile String createdName;

    AuditEvent(String auditId, Instant received, String requestUri, RequestInfo request, String sourceIp,
               String userAgent) {
        this.auditId = auditId;
        this.received = received;
        this.requestUri = requestUri;
        this.request = request;
        this.sourceIp = sourceIp;
        this.userAgent = userAgent;
    }

    /** The name a create gave its object (from the body or generateName), which the URL does not carry. */
    public void createdName(String name) {
        this.createdName = name;
    }

    /** The event; {@code user} is who the request acted as, {@code impersonator} who authenticated (or null). */
    ObjectNode toJson(UserInfo user, UserInfo impersonator, int code) {
        ObjectNode event = Json.mapper().createObjectNode();
        event.put("kind", "Event").put("apiVersion", "audit.k8s.io/v1").put("level", "Metadata")
            .put("auditID", auditId).put("stage", "ResponseComplete").put("requestURI", requestUri)
            .put("verb", request.verb());
        if (impersonator == null) {
            writeUser(event.putObject("user"), user);
        } else {
            writeUser(event.putObject("user"), impersonator);
            writeUser(event.putObject("impersonatedUser"), user);
        }
        event.putArray("sourceIPs").add(sourceIp);
        if (userAgent != null) {
            event.put("userAgent", userAgent);
        }
        if (request.resourceRequest()) {
            ObjectNode ref = event.putObject("objectRef");
            ref.put("resource", request.resource());
            if (!request.namespace().isEmpty()) {
                ref.put("namespace", request.namespace());
            }
            String name = !request.name().isEmpty() ? request.name() : createdName;
            if (name != null && !name.isEmpty()) {
                ref.put("name", name);
            }
            ref.put("apiGroup", request.apiGroup()).put("apiVersion", request.apiVersion());
            if (!request.subresource().isEmpty()) {
                ref.put("subresource", request.subresource());
            }
        }
        event.putObject("responseStatus").put("code", code);
        event.put("requestReceivedTimestamp", micro(received));
        event.put("stageTimestamp", micro(Instant.now()));
        return event;
    }

    private static void writeUser(ObjectNode who, UserInfo user) {
        who.put("username", user.name());
        if (!user.uid().isEmpty()) {
            who.put("uid", user.uid());
        }
        ArrayNode groups = who.putArray("groups");
        user.groups().forEach(groups::add);
    }

    private static String micro(Instant instant) {
        return instant.truncatedTo(ChronoUnit.MICROS).toString();
    }
}
