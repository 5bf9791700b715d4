package io.j8s.apiserver.registry.strategy;

import io.j8s.apiserver.registry.FieldError;
import io.j8s.apiserver.registry.ResourceStrategy;
import io.j8s.apiserver.registry.validation.FieldFormats;
import io.j8s.apiserver.registry.validation.Fields;
import io.j8s.apiserver.registry.validation.GoFormat;
import io.j8s.apiserver.registry.validation.ObjectMetaValidation;
import io.j8s.apiserver.registry.validation.PodSpecValidation;
import io.j8s.common.validation.Formats;
import io.j8s.common.validation.Formats;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Services: ClusterIP by default, each port TCP and aimed at the same port on the pods unless told otherwise.
 * Cluster IPs are not allocated; node ports are, by {@code io.j8s.apiserver.nodeport.ServiceStorage} when the
 * service is stored. An update that leaves them out keeps them.
 */
public class ServiceStrategy implements ResourceStrategy {

    static final List<String> TYPES = List.of("ClusterIP", "ExternalName", "LoadBalancer", "NodePort");
    static final List<String> SESSION_AFFINITIES = List.of("ClientIP", "None");
    static final List<String> TRAFFIC_POLICIES = List.of("Cluster", "Local");
    static final int NODE_PORT_MIN = 30000;
    static final int NODE_PORT_MAX = 32767;
    static final int DEFAULT_CLIENT_IP_TIMEOUT_SECONDS = 10800;
    static final int MAX_CLIENT_IP_TIMEOUT_SECONDS = 86400;

    @Override
    public void prepareForCreate(ObjectNode service) {
        service.putObject("status").putObject("loadBalancer");
    }

    /** Keeps status, and the allocated cluster IPs and node ports an update (e.g. kubectl apply) left out. */
    @Override
    public void prepareForUpdate(ObjectNode service, ObjectNode old) {
        ResourceStrategy.super.prepareForUpdate(service, old);
        ObjectNode spec = Fields.object(service, "spec");
        ObjectNode oldSpec = Fields.object(old, "spec");
        if (spec == null || oldSpec == null || "ExternalName".equals(Fields.string(spec, "type"))) {
            return;
        }
        if (Fields.stringOrEmpty(spec, "clusterIP").isEmpty() && !Fields.stringOrEmpty(oldSpec, "clusterIP").isEmpty()) {
            spec.set("clusterIP", oldSpec.get("clusterIP").deepCopy());
            if (!Fields.has(spec, "clusterIPs") && Fields.has(oldSpec, "clusterIPs")) {
                spec.set("clusterIPs", oldSpec.get("clusterIPs").deepCopy());
            }
        }
        if (!needsNodePorts(spec) && needsNodePorts(oldSpec) && sameNodePorts(spec, oldSpec)) {
            // Kubernetes' dropTypeDependentFields: leaving NodePort with the allocated ports untouched releases them
            for (ObjectNode port : Fields.objectElements(spec, "ports")) {
                port.remove("nodePort");
            }
        }
        if (!needsNodePorts(spec) || !needsNodePorts(oldSpec)) {
            return;
        }
        // Kubernetes matches ports by name to carry a node port over; ports that keep theirs are not reused
        Set<Long> used = new HashSet<>();
        for (ObjectNode port : Fields.objectElements(spec, "ports")) {
            Long nodePort = Fields.integer(port, "nodePort");
            if (nodePort != null && nodePort != 0) {
                used.add(nodePort);
            }
        }
        for (ObjectNode port : Fields.objectElements(spec, "ports")) {
            Long nodePort = Fields.integer(port, "nodePort");
            if (nodePort != null && nodePort != 0) {
                continue;
            }
            for (ObjectNode oldPort : Fields.objectElements(oldSpec, "ports")) {
                Long oldNodePort = Fields.integer(oldPort, "nodePort");
                if (oldNodePort != null && oldNodePort != 0 && !used.contains(oldNodePort)
                    && Fields.stringOrEmpty(oldPort, "name").equals(Fields.stringOrEmpty(port, "name"))) {
                    port.put("nodePort", oldNodePort.intValue());
                    used.add(oldNodePort);
                    break;
                }
            }
        }
    }

    @Override
    public void applyDefaults(ObjectNode service) {
        ObjectNode spec = Fields.ensureObject(service, "spec");
        if (spec == null) {
            return;
        }
        Fields.defaultString(spec, "sessionAffinity", "None");
        String affinity = Fields.string(spec, "sessionAffinity");
        if ("None".equals(affinity)) {
            spec.remove("sessionAffinityConfig");
        } else if ("ClientIP".equals(affinity)) {
            ObjectNode clientIp = Fields.object(Fields.object(spec, "sessionAffinityConfig"), "clientIP");
            if (clientIp == null || !Fields.has(clientIp, "timeoutSeconds")) {
                spec.putObject("sessionAffinityConfig").putObject("clientIP")
                    .put("timeoutSeconds", DEFAULT_CLIENT_IP_TIMEOUT_SECONDS);
            }
        }
        Fields.defaultString(spec, "type", "ClusterIP");
        for (ObjectNode port : Fields.objectElements(spec, "ports")) {
            Fields.defaultString(port, "protocol", "TCP");
            JsonNode target = port.get("targetPort");
            boolean unset = target == null || target.isNull() || (target.isNumber() && target.asLong() == 0)
                || (target.isString() && target.stringValue().isEmpty());
            JsonNode number = port.get("port");
            if (unset && number != null && number.isIntegralNumber()) {
                port.set("targetPort", number.deepCopy());
            }
        }
        String type = Fields.string(spec, "type");
        boolean external = "NodePort".equals(type) || "LoadBalancer".equals(type);
        if (external) {
            Fields.defaultString(spec, "externalTrafficPolicy", "Cluster");
        }
        if (external || "ClusterIP".equals(type)) {
            Fields.defaultString(spec, "internalTrafficPolicy", "Cluster");
        }
        if ("LoadBalancer".equals(type)) {
            Fields.defaultBoolean(spec, "allocateLoadBalancerNodePorts", true);
        }
    }

    @Override
    public List<FieldError> validate(ObjectNode service) {
        List<FieldError> errs = new ArrayList<>();
        ObjectNode spec = Fields.object(service, "spec", "spec", errs);
        String type = Fields.string(spec, "type", "spec.type", errs);
        String typeOrEmpty = type == null ? "" : type;
        if (!TYPES.contains(typeOrEmpty)) {
            errs.add(type == null || type.isEmpty() ? FieldError.required("spec.type")
                : FieldError.notSupported("spec.type", type, TYPES));
        }
        boolean externalName = typeOrEmpty.equals("ExternalName");
        boolean headless = "None".equals(Fields.string(spec, "clusterIP"));

        if (externalName) {
            String cname = Fields.stringOrEmpty(spec, "externalName");
            cname = cname.endsWith(".") ? cname.substring(0, cname.length() - 1) : cname;
            if (cname.isEmpty()) {
                errs.add(FieldError.required("spec.externalName"));
            } else {
                errs.addAll(FieldFormats.validateDns1123Subdomain(cname, "spec.externalName"));
            }
        }

        List<Fields.IndexedObject> ports = Fields.objects(spec, "ports", "spec.ports", errs);
        if (Fields.array(spec, "ports") == null || Fields.array(spec, "ports").isEmpty()) {
            if (!headless && !externalName) {
                errs.add(FieldError.required("spec.ports"));
            }
        }
        boolean requireName = ports.size() > 1;
        Set<String> names = new HashSet<>();
        Set<String> portKeys = new HashSet<>();
        Set<String> nodePortKeys = new HashSet<>();
        for (Fields.IndexedObject p : ports) {
            String idx = p.path();
            ObjectNode port = p.node();
            String name = Fields.string(port, "name", idx + ".name", errs);
            if (requireName && (name == null || name.isEmpty())) {
                errs.add(FieldError.required(idx + ".name"));
            } else if (name != null && !name.isEmpty()) {
                errs.addAll(FieldFormats.validateDns1123Label(name, idx + ".name"));
                if (!names.add(name)) {
                    errs.add(FieldError.duplicate(idx + ".name", name));
                }
            }
            Long number = Fields.integer(port, "port", idx + ".port", errs);
            long portNumber = number == null ? 0 : number;
            errs.addAll(FieldFormats.invalidEach(idx + ".port", portNumber, Formats.isValidPortNum(portNumber)));
            String protocol = Fields.string(port, "protocol", idx + ".protocol", errs);
            if (protocol == null || protocol.isEmpty()) {
                errs.add(FieldError.required(idx + ".protocol"));
            } else if (!PodSpecValidation.PROTOCOLS.contains(protocol)) {
                errs.add(FieldError.notSupported(idx + ".protocol", protocol, PodSpecValidation.PROTOCOLS));
            }
            errs.addAll(PodSpecValidation.validatePortNumOrName(port.get("targetPort"), idx + ".targetPort"));
            if (!portKeys.add(protocol + "/" + portNumber)) {
                errs.add(FieldError.duplicate(idx, GoFormat.of("core.ServicePort{Protocol:\"" + protocol + "\", Port:" + portNumber + "}")));
            }
            Long nodePort = Fields.integer(port, "nodePort", idx + ".nodePort", errs);
            if (nodePort != null && nodePort != 0) {
                if (typeOrEmpty.equals("ClusterIP")) {
                    errs.add(FieldError.forbidden(idx + ".nodePort", "may not be used when `type` is 'ClusterIP'"));
                } else if (nodePort < NODE_PORT_MIN || nodePort > NODE_PORT_MAX) {
                    errs.add(FieldError.invalid(idx + ".nodePort", nodePort, "provided port is not in the valid range. "
                        + "The range of valid ports is " + NODE_PORT_MIN + "-" + NODE_PORT_MAX));
                }
                if (!nodePortKeys.add(protocol + "/" + nodePort)) {
                    errs.add(FieldError.duplicate(idx + ".nodePort", nodePort));
                }
            }
        }

        errs.addAll(ObjectMetaValidation.validateLabels(spec == null ? null : spec.get("selector"), "spec.selector"));
        String affinity = Fields.string(spec, "sessionAffinity", "spec.sessionAffinity", errs);
        if (affinity == null || affinity.isEmpty()) {
            errs.add(FieldError.required("spec.sessionAffinity"));
        } else if (!SESSION_AFFINITIES.contains(affinity)) {
            errs.add(FieldError.notSupported("spec.sessionAffinity", affinity, SESSION_AFFINITIES));
        } else if (affinity.equals("ClientIP")) {
            Long timeout = Fields.integer(Fields.object(Fields.object(spec, "sessionAffinityConfig"), "clientIP"), "timeoutSeconds");
            if (timeout != null && (timeout <= 0 || timeout > MAX_CLIENT_IP_TIMEOUT_SECONDS)) {
                errs.add(FieldError.invalid("spec.sessionAffinityConfig.clientIP.timeoutSeconds", timeout,
                    "must be greater than 0 and less than " + MAX_CLIENT_IP_TIMEOUT_SECONDS));
            }
        }
        for (String policy : List.of("externalTrafficPolicy", "internalTrafficPolicy")) {
            String value = Fields.string(spec, policy, "spec." + policy, errs);
            if (value != null && !value.isEmpty() && !TRAFFIC_POLICIES.contains(value)) {
                errs.add(FieldError.notSupported("spec." + policy, value, TRAFFIC_POLICIES));
            }
        }
        return errs;
    }

    /** As create, and a cluster IP once set stays (ExternalName services have none). */
    @Override
    public List<FieldError> validateUpdate(ObjectNode service, ObjectNode old) {
        List<FieldError> errs = new ArrayList<>(validate(service));
        JsonNode spec = service.get("spec");
        JsonNode oldSpec = old.get("spec");
        String clusterIP = Fields.stringOrEmpty(spec, "clusterIP");
        String oldClusterIP = Fields.stringOrEmpty(oldSpec, "clusterIP");
        boolean eitherExternalName = "ExternalName".equals(Fields.string(spec, "type"))
            || "ExternalName".equals(Fields.string(oldSpec, "type"));
        if (!eitherExternalName && !oldClusterIP.isEmpty() && !oldClusterIP.equals(clusterIP)) {
            errs.add(FieldError.invalid("spec.clusterIPs[0]", clusterIP, "may not change once set"));
        }
        return errs;
    }

    @Override
    public List<FieldError> validateStatusUpdate(ObjectNode service, ObjectNode old) {
        List<FieldError> errs = new ArrayList<>();
        ObjectNode status = Fields.object(service, "status", "status", errs);
        ObjectNode loadBalancer = Fields.object(status, "loadBalancer", "status.loadBalancer", errs);
        for (Fields.IndexedObject ingress : Fields.objects(loadBalancer, "ingress", "status.loadBalancer.ingress", errs)) {
            String ip = Fields.string(ingress.node(), "ip", ingress.path() + ".ip", errs);
            if (ip != null && !ip.isEmpty()) {
                errs.addAll(FieldFormats.invalidEach(ingress.path() + ".ip", ip, Formats.isValidIp(ip)));
            }
        }
        return errs;
    }

    /** The same node port at every index, or none where the old spec had none (ports added are not compared). */
    private static boolean sameNodePorts(JsonNode spec, JsonNode oldSpec) {
        List<ObjectNode> ports = Fields.objectElements(spec, "ports");
        List<ObjectNode> oldPorts = Fields.objectElements(oldSpec, "ports");
        for (int i = 0; i < ports.size(); i++) {
            Long nodePort = Fields.integer(ports.get(i), "nodePort");
            Long oldNodePort = i < oldPorts.size() ? Fields.integer(oldPorts.get(i), "nodePort") : null;
            if (nodePort != null && nodePort != 0 && !nodePort.equals(oldNodePort)) {
                return false;
            }
        }
        return true;
    }

    private static boolean needsNodePorts(JsonNode spec) {
        String type = Fields.string(spec, "type");
        return "NodePort".equals(type) || "LoadBalancer".equals(type);
    }
}
