package io.j8s.apiserver.registry.strategy;

import io.j8s.apiserver.registry.validation.Fields;
import io.j8s.apiserver.registry.validation.PodSpecValidation;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Kubernetes' core/v1 defaults for pods and pod templates (pkg/apis/core/v1/defaults.go), applied in place
 * and only where a field is unset, so everything else the client sent survives.
 */
final class PodDefaults {

    static final String DEFAULT_SCHEDULER_NAME = "default-scheduler";
    static final int DEFAULT_TERMINATION_GRACE_PERIOD_SECONDS = 30;
    static final String TERMINATION_MESSAGE_PATH = "/dev/termination-log";
    // 0644, the mode Kubernetes gives files projected from secrets, config maps and the downward API
    static final int DEFAULT_VOLUME_MODE = 420;

    private PodDefaults() {
    }

    /** Defaults of a Pod: those of its spec plus the pod-only ones (requests from limits, enableServiceLinks). */
    static void applyToPod(ObjectNode pod) {
        ObjectNode spec = Fields.ensureObject(pod, "spec");
        if (spec == null) {
            return;
        }
        applyToPodSpec(spec);
        for (String list : new String[] {"containers", "initContainers"}) {
            for (ObjectNode c : Fields.objectElements(spec, list)) {
                defaultRequestsToLimits(c);
            }
        }
        Fields.defaultBoolean(spec, "enableServiceLinks", true);
    }

    /** Defaults of a pod spec, also used for the templates of ReplicaSets and Deployments. */
    static void applyToPodSpec(ObjectNode spec) {
        Fields.defaultString(spec, "dnsPolicy", "ClusterFirst");
        Fields.defaultString(spec, "restartPolicy", "Always");
        Fields.ensureObject(spec, "securityContext");
        Fields.defaultInt(spec, "terminationGracePeriodSeconds", DEFAULT_TERMINATION_GRACE_PERIOD_SECONDS);
        Fields.defaultString(spec, "schedulerName", DEFAULT_SCHEDULER_NAME);
        JsonNode hostNetwork = spec.get("hostNetwork");
        boolean onHostNetwork = hostNetwork != null && hostNetwork.isBoolean() && hostNetwork.booleanValue();
        for (String list : new String[] {"containers", "initContainers"}) {
            for (ObjectNode c : Fields.objectElements(spec, list)) {
                applyToContainer(c, onHostNetwork);
            }
        }
        for (ObjectNode volume : Fields.objectElements(spec, "volumes")) {
            applyToVolume(volume);
        }
    }

    /** Always for {@code :latest} or no tag, IfNotPresent otherwise (a digest without a tag included). */
    static String defaultPullPolicy(String image) {
        return "latest".equals(imageTag(image)) ? "Always" : "IfNotPresent";
    }

    /**
     * The tag of an image reference as Kubernetes' ParseImageName finds it: "latest" when there is neither tag
     * nor digest, "" when there is only a digest. A colon before the last slash belongs to a registry port.
     */
    static String imageTag(String image) {
        if (image == null || image.isBlank()) {
            return "";
        }
        String name = image;
        boolean digest = false;
        int at = name.indexOf('@');
        if (at >= 0) {
            name = name.substring(0, at);
            digest = true;
        }
        int slash = name.lastIndexOf('/');
        int colon = name.lastIndexOf(':');
        String tag = colon > slash ? name.substring(colon + 1) : "";
        if (tag.isEmpty() && !digest) {
            return "latest";
        }
        return tag;
    }

    private static void applyToContainer(ObjectNode c, boolean onHostNetwork) {
        JsonNode image = c.get("image");
        Fields.defaultString(c, "imagePullPolicy", defaultPullPolicy(image != null && image.isString() ? image.stringValue() : ""));
        Fields.defaultString(c, "terminationMessagePath", TERMINATION_MESSAGE_PATH);
        Fields.defaultString(c, "terminationMessagePolicy", "File");
        for (ObjectNode port : Fields.objectElements(c, "ports")) {
            Fields.defaultString(port, "protocol", "TCP");
            JsonNode hostPort = port.get("hostPort");
            boolean unsetHostPort = hostPort == null || hostPort.isNull() || (hostPort.isNumber() && hostPort.asLong() == 0);
            if (onHostNetwork && unsetHostPort && port.get("containerPort") != null && port.get("containerPort").isIntegralNumber()) {
                port.set("hostPort", port.get("containerPort").deepCopy());
            }
        }
        for (ObjectNode env : Fields.objectElements(c, "env")) {
            ObjectNode fieldRef = Fields.object(Fields.object(env, "valueFrom"), "fieldRef");
            if (fieldRef != null) {
                Fields.defaultString(fieldRef, "apiVersion", "v1");
            }
        }
        for (String probe : new String[] {"livenessProbe", "readinessProbe", "startupProbe"}) {
            ObjectNode p = Fields.object(c, probe);
            if (p != null) {
                Fields.defaultInt(p, "timeoutSeconds", 1);
                Fields.defaultInt(p, "periodSeconds", 10);
                Fields.defaultInt(p, "successThreshold", 1);
                Fields.defaultInt(p, "failureThreshold", 3);
                applyToHttpGet(Fields.object(p, "httpGet"));
            }
        }
        ObjectNode lifecycle = Fields.object(c, "lifecycle");
        for (String hook : new String[] {"postStart", "preStop"}) {
            applyToHttpGet(Fields.object(Fields.object(lifecycle, hook), "httpGet"));
        }
    }

    private static void applyToHttpGet(ObjectNode httpGet) {
        if (httpGet != null) {
            Fields.defaultString(httpGet, "path", "/");
            Fields.defaultString(httpGet, "scheme", "HTTP");
        }
    }

    private static void applyToVolume(ObjectNode volume) {
        boolean hasSource = false;
        for (String source : PodSpecValidation.VOLUME_SOURCES) {
            hasSource |= Fields.has(volume, source);
        }
        if (!hasSource) {
            volume.putObject("emptyDir");
            return;
        }
        for (String source : new String[] {"secret", "configMap", "downwardAPI", "projected"}) {
            ObjectNode src = Fields.object(volume, source);
            if (src != null) {
                Fields.defaultInt(src, "defaultMode", DEFAULT_VOLUME_MODE);
            }
        }
        ObjectNode hostPath = Fields.object(volume, "hostPath");
        if (hostPath != null) {
            Fields.defaultString(hostPath, "type", "");
        }
        defaultFieldRefs(Fields.object(volume, "downwardAPI"));
        ObjectNode projected = Fields.object(volume, "projected");
        for (ObjectNode projection : Fields.objectElements(projected, "sources")) {
            defaultFieldRefs(Fields.object(projection, "downwardAPI"));
            ObjectNode token = Fields.object(projection, "serviceAccountToken");
            if (token != null) {
                Fields.defaultInt(token, "expirationSeconds", 3600);
            }
        }
    }

    private static void defaultFieldRefs(ObjectNode downwardApi) {
        for (ObjectNode item : Fields.objectElements(downwardApi, "items")) {
            ObjectNode fieldRef = Fields.object(item, "fieldRef");
            if (fieldRef != null) {
                Fields.defaultString(fieldRef, "apiVersion", "v1");
            }
        }
    }

    // a limit without a request means the request equals the limit (Pods only, not templates)
    private static void defaultRequestsToLimits(ObjectNode c) {
        ObjectNode resources = Fields.object(c, "resources");
        ObjectNode limits = Fields.object(resources, "limits");
        if (limits == null) {
            return;
        }
        ObjectNode requests = Fields.ensureObject(resources, "requests");
        if (requests == null) {
            return;
        }
        for (Map.Entry<String, JsonNode> limit : limits.properties()) {
            if (!requests.has(limit.getKey())) {
                requests.set(limit.getKey(), limit.getValue().deepCopy());
            }
        }
    }
}
