package io.j8s.apiserver.registry.strategy;

import io.j8s.apiserver.registry.FieldError;
import io.j8s.apiserver.registry.ResourceStrategy;
import io.j8s.apiserver.registry.validation.FieldFormats;
import io.j8s.apiserver.registry.validation.Fields;
import io.j8s.apiserver.registry.validation.ObjectMetaValidation;
import io.j8s.apiserver.registry.validation.PodSpecValidation;
import io.j8s.common.validation.Formats;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * discovery.k8s.io/v1 EndpointSlices (pkg/registry/discovery/endpointslice and pkg/apis/discovery/validation):
 * ports default to the name "" and protocol TCP; addressType is required, one of IPv4, IPv6, FQDN and immutable; at
 * most 1000 endpoints of 1 to 100 addresses each and 100 ports. Unlike Kubernetes, loopback and link-local addresses
 * are accepted, as for Endpoints: in j8s's host-port networking mode a pod's endpoint is 127.0.0.1:hostPort.
 */
public class EndpointSliceStrategy implements ResourceStrategy {

    public static final List<String> ADDRESS_TYPES = List.of("FQDN", "IPv4", "IPv6");
    static final int MAX_ENDPOINTS = 1000;
    static final int MAX_ADDRESSES = 100;
    static final int MAX_PORTS = 100;
    static final int MAX_TOPOLOGY_LABELS = 16;
    static final int MAX_ZONE_HINTS = 8;

    @Override
    public void prepareForUpdate(ObjectNode slice, ObjectNode old) {
        // Kubernetes bumps generation on label changes too; the store bumps it for everything but metadata.
        if (!Objects.equals(slice.at("/metadata/labels"), old.at("/metadata/labels"))) {
            ObjectNode meta = (ObjectNode) slice.get("metadata");
            meta.put("generation", old.at("/metadata/generation").asLong(0) + 1);
        }
    }

    @Override
    public void applyDefaults(ObjectNode slice) {
        for (ObjectNode port : Fields.objectElements(slice, "ports")) {
            JsonNode name = port.get("name");
            if (name == null || name.isNull()) {
                port.put("name", "");
            }
            Fields.defaultString(port, "protocol", "TCP");
        }
    }

    @Override
    public List<FieldError> validate(ObjectNode slice) {
        List<FieldError> errs = new ArrayList<>();
        String addressType = Fields.string(slice, "addressType", "addressType", errs);
        if (addressType == null || addressType.isEmpty()) {
            errs.add(FieldError.required("addressType"));
        } else if (!ADDRESS_TYPES.contains(addressType)) {
            errs.add(FieldError.notSupported("addressType", addressType, ADDRESS_TYPES));
        }
        errs.addAll(validateEndpoints(slice, addressType));
        errs.addAll(validatePorts(slice));
        return errs;
    }

    @Override
    public List<FieldError> validateUpdate(ObjectNode slice, ObjectNode old) {
        List<FieldError> errs = validate(slice);
        JsonNode addressType = slice.path("addressType");
        if (!addressType.equals(old.path("addressType"))) {
            errs.add(FieldError.invalid("addressType", addressType.asString(""), Formats.FIELD_IMMUTABLE_ERROR_MSG));
        }
        return errs;
    }

    private static List<FieldError> validateEndpoints(ObjectNode slice, String addressType) {
        List<FieldError> errs = new ArrayList<>();
        List<Fields.IndexedObject> endpoints = Fields.objects(slice, "endpoints", "endpoints", errs);
        if (endpoints.size() > MAX_ENDPOINTS) {
            errs.add(FieldError.tooMany("endpoints", endpoints.size(), MAX_ENDPOINTS));
            return errs;
        }
        for (Fields.IndexedObject endpoint : endpoints) {
            String path = endpoint.path();
            ObjectNode node = endpoint.node();
            List<String> addresses = Fields.stringList(node, "addresses", path + ".addresses", errs);
            if (addresses == null || addresses.isEmpty()) {
                errs.add(FieldError.required(path + ".addresses", "must contain at least 1 address"));
            } else if (addresses.size() > MAX_ADDRESSES) {
                errs.add(FieldError.tooMany(path + ".addresses", addresses.size(), MAX_ADDRESSES));
            } else {
                for (int i = 0; i < addresses.size(); i++) {
                    errs.addAll(validateAddress(addresses.get(i), addressType, path + ".addresses[" + i + "]"));
                }
            }
            ObjectNode conditions = Fields.object(node, "conditions", path + ".conditions", errs);
            for (String condition : List.of("ready", "serving", "terminating")) {
                Fields.bool(conditions, condition, path + ".conditions." + condition, errs);
            }
            String nodeName = Fields.string(node, "nodeName", path + ".nodeName", errs);
            if (nodeName != null) {
                errs.addAll(FieldFormats.validateDns1123Subdomain(nodeName, path + ".nodeName"));
            }
            String hostname = Fields.string(node, "hostname", path + ".hostname", errs);
            if (hostname != null) {
                errs.addAll(FieldFormats.validateDns1123Label(hostname, path + ".hostname"));
            }
            Fields.string(node, "zone", path + ".zone", errs);
            Fields.object(node, "targetRef", path + ".targetRef", errs);
            Map<String, String> topology = Fields.stringMap(node, "deprecatedTopology", path + ".deprecatedTopology",
                errs);
            if (topology != null && topology.size() > MAX_TOPOLOGY_LABELS) {
                errs.add(FieldError.tooMany(path + ".deprecatedTopology", topology.size(), MAX_TOPOLOGY_LABELS));
            }
            errs.addAll(ObjectMetaValidation.validateLabels(node.get("deprecatedTopology"), path + ".deprecatedTopology"));
            errs.addAll(validateHints(node, path + ".hints"));
        }
        return errs;
    }

    private static List<FieldError> validateAddress(String address, String addressType, String path) {
        if (addressType == null) {
            return List.of();
        }
        List<FieldError> errs = new ArrayList<>();
        switch (addressType) {
            case "IPv4" -> errs.addAll(FieldFormats.invalidEach(path, address, Formats.isValidIpv4Address(address)));
            case "IPv6" -> errs.addAll(FieldFormats.invalidEach(path, address, Formats.isValidIpv6Address(address)));
            case "FQDN" -> errs.addAll(fullyQualifiedDomainName(address, path));
            default -> {
                return errs; // unknown address types are reported once, on addressType
            }
        }
        if (errs.isEmpty() && (address.equals("0.0.0.0") || address.equals("::"))) {
            errs.add(FieldError.invalid(path, address, "may not be unspecified (0.0.0.0)"));
        }
        return errs;
    }

    /** validation.IsFullyQualifiedDomainName: a DNS subdomain of at least two labels, a trailing dot allowed. */
    private static List<FieldError> fullyQualifiedDomainName(String name, String path) {
        String trimmed = name.endsWith(".") ? name.substring(0, name.length() - 1) : name;
        List<String> subdomain = Formats.isDns1123Subdomain(trimmed);
        if (!subdomain.isEmpty()) {
            return List.of(FieldError.invalid(path, trimmed, String.join(",", subdomain)));
        }
        String[] labels = trimmed.split("\\.");
        if (labels.length < 2) {
            return List.of(FieldError.invalid(path, trimmed, "should be a domain with at least two segments separated by dots"));
        }
        for (String label : labels) {
            List<String> invalid = Formats.isDns1123Label(label);
            if (!invalid.isEmpty()) {
                return List.of(FieldError.invalid(path, label, String.join(",", invalid)));
            }
        }
        return List.of();
    }

    private static List<FieldError> validateHints(ObjectNode endpoint, String path) {
        List<FieldError> errs = new ArrayList<>();
        ObjectNode hints = Fields.object(endpoint, "hints", path, errs);
        List<Fields.IndexedObject> zones = Fields.objects(hints, "forZones", path + ".forZones", errs);
        if (zones.size() > MAX_ZONE_HINTS) {
            errs.add(FieldError.tooMany(path + ".forZones", zones.size(), MAX_ZONE_HINTS));
            return errs;
        }
        Set<String> seen = new HashSet<>();
        for (Fields.IndexedObject zone : zones) {
            String namePath = zone.path() + ".name";
            String name = Fields.string(zone.node(), "name", namePath, errs);
            String value = name == null ? "" : name;
            if (!seen.add(value)) {
                errs.add(FieldError.duplicate(namePath, value));
            }
            errs.addAll(FieldFormats.validateLabelValue(value, namePath));
        }
        return errs;
    }

    private static List<FieldError> validatePorts(ObjectNode slice) {
        List<FieldError> errs = new ArrayList<>();
        List<Fields.IndexedObject> ports = Fields.objects(slice, "ports", "ports", errs);
        if (ports.size() > MAX_PORTS) {
            errs.add(FieldError.tooMany("ports", ports.size(), MAX_PORTS));
            return errs;
        }
        Set<String> names = new HashSet<>();
        for (Fields.IndexedObject port : ports) {
            String path = port.path();
            String name = Fields.string(port.node(), "name", path + ".name", errs);
            String value = name == null ? "" : name;
            if (!value.isEmpty()) {
                errs.addAll(FieldFormats.validateDns1123Label(value, path + ".name"));
            }
            if (!names.add(value)) {
                errs.add(FieldError.duplicate(path + ".name", value));
            }
            Fields.integer(port.node(), "port", path + ".port", errs);
            String protocol = Fields.string(port.node(), "protocol", path + ".protocol", errs);
            if (protocol == null || protocol.isEmpty()) {
                errs.add(FieldError.required(path + ".protocol"));
            } else if (!PodSpecValidation.PROTOCOLS.contains(protocol)) {
                errs.add(FieldError.notSupported(path + ".protocol", protocol, PodSpecValidation.PROTOCOLS));
            }
            String appProtocol = Fields.string(port.node(), "appProtocol", path + ".appProtocol", errs);
            if (appProtocol != null) {
                errs.addAll(FieldFormats.invalidEach(path + ".appProtocol", appProtocol,
                    Formats.isQualifiedName(appProtocol)));
            }
        }
        return errs;
    }
}
