package io.j8s.apiserver.registry.strategy;

import io.j8s.apiserver.registry.FieldError;
import io.j8s.apiserver.registry.ResourceStrategy;
import io.j8s.apiserver.registry.validation.FieldFormats;
import io.j8s.apiserver.registry.validation.Fields;
import io.j8s.apiserver.registry.validation.PodSpecValidation;
import io.j8s.common.validation.Formats;
import io.j8s.common.validation.Formats;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.node.ObjectNode;

/**
 * Endpoints: each subset lists addresses (IP literals) and ports. Unlike Kubernetes, loopback and link-local
 * addresses are accepted: in j8s's host-port networking mode a pod's endpoint is 127.0.0.1:hostPort.
 */
public class EndpointsStrategy implements ResourceStrategy {

    @Override
    public void applyDefaults(ObjectNode endpoints) {
        for (ObjectNode subset : Fields.objectElements(endpoints, "subsets")) {
            for (ObjectNode port : Fields.objectElements(subset, "ports")) {
                Fields.defaultString(port, "protocol", "TCP");
            }
        }
    }

    @Override
    public List<FieldError> validate(ObjectNode endpoints) {
        List<FieldError> errs = new ArrayList<>();
        for (Fields.IndexedObject subset : Fields.objects(endpoints, "subsets", "subsets", errs)) {
            String idx = subset.path();
            List<Fields.IndexedObject> addresses = Fields.objects(subset.node(), "addresses", idx + ".addresses", errs);
            List<Fields.IndexedObject> notReady = Fields.objects(subset.node(), "notReadyAddresses", idx + ".notReadyAddresses", errs);
            if (addresses.isEmpty() && notReady.isEmpty()) {
                errs.add(FieldError.required(idx, "must specify `addresses` or `notReadyAddresses`"));
            }
            for (Fields.IndexedObject address : addresses) {
                errs.addAll(validateAddress(address));
            }
            for (Fields.IndexedObject address : notReady) {
                errs.addAll(validateAddress(address));
            }
            List<Fields.IndexedObject> ports = Fields.objects(subset.node(), "ports", idx + ".ports", errs);
            for (Fields.IndexedObject port : ports) {
                errs.addAll(validatePort(port, ports.size() > 1));
            }
        }
        return errs;
    }

    private static List<FieldError> validateAddress(Fields.IndexedObject address) {
        List<FieldError> errs = new ArrayList<>();
        String path = address.path();
        String ip = Fields.string(address.node(), "ip", path + ".ip", errs);
        if (ip == null || ip.isEmpty()) {
            errs.add(FieldError.required(path + ".ip"));
        } else {
            errs.addAll(FieldFormats.invalidEach(path + ".ip", ip, Formats.isValidIp(ip)));
            if (ip.equals("0.0.0.0") || ip.equals("::")) {
                errs.add(FieldError.invalid(path + ".ip", ip, "may not be unspecified (0.0.0.0)"));
            }
        }
        String hostname = Fields.string(address.node(), "hostname", path + ".hostname", errs);
        if (hostname != null && !hostname.isEmpty()) {
            errs.addAll(FieldFormats.validateDns1123Label(hostname, path + ".hostname"));
        }
        String nodeName = Fields.string(address.node(), "nodeName", path + ".nodeName", errs);
        if (nodeName != null && !nodeName.isEmpty()) {
            errs.addAll(FieldFormats.validateDns1123Subdomain(nodeName, path + ".nodeName"));
        }
        return errs;
    }

    private static List<FieldError> validatePort(Fields.IndexedObject port, boolean requireName) {
        List<FieldError> errs = new ArrayList<>();
        String path = port.path();
        String name = Fields.string(port.node(), "name", path + ".name", errs);
        if (requireName && (name == null || name.isEmpty())) {
            errs.add(FieldError.required(path + ".name"));
        } else if (name != null && !name.isEmpty()) {
            errs.addAll(FieldFormats.validateDns1123Label(name, path + ".name"));
        }
        Long number = Fields.integer(port.node(), "port", path + ".port", errs);
        long value = number == null ? 0 : number;
        errs.addAll(FieldFormats.invalidEach(path + ".port", value, Formats.isValidPortNum(value)));
        String protocol = Fields.string(port.node(), "protocol", path + ".protocol", errs);
        if (protocol == null || protocol.isEmpty()) {
            errs.add(FieldError.required(path + ".protocol"));
        } else if (!PodSpecValidation.PROTOCOLS.contains(protocol)) {
            errs.add(FieldError.notSupported(path + ".protocol", protocol, PodSpecValidation.PROTOCOLS));
        }
        return errs;
    }
}
