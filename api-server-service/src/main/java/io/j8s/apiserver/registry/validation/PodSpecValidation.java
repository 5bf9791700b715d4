package io.j8s.apiserver.registry.validation;

import io.j8s.apiserver.registry.FieldError;
import io.j8s.common.validation.Formats;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Validation of a PodSpec, shared by Pods and by the pod templates of ReplicaSets and Deployments (after
 * Kubernetes' ValidatePodSpec / ValidatePodTemplateSpec / ValidatePodUpdate). Runs after defaulting, so
 * fields Kubernetes defaults (restartPolicy, imagePullPolicy, protocol, ...) are required here.
 */
public final class PodSpecValidation {

    public static final List<String> RESTART_POLICIES = List.of("Always", "OnFailure", "Never");
    public static final List<String> PROTOCOLS = List.of("SCTP", "TCP", "UDP");
    public static final List<String> TAINT_EFFECTS = List.of("NoSchedule", "PreferNoSchedule", "NoExecute");
    static final List<String> DNS_POLICIES = List.of("ClusterFirst", "ClusterFirstWithHostNet", "Default", "None");
    static final List<String> PULL_POLICIES = List.of("Always", "IfNotPresent", "Never");
    static final List<String> TERMINATION_MESSAGE_POLICIES = List.of("File", "FallbackToLogsOnError");
    static final List<String> TOLERATION_OPERATORS = List.of("Equal", "Exists");
    static final List<String> HTTP_SCHEMES = List.of("HTTP", "HTTPS");
    static final List<String> ENV_FIELD_PATHS = List.of("metadata.name", "metadata.namespace", "metadata.uid",
        "spec.nodeName", "spec.serviceAccountName", "status.hostIP", "status.hostIPs", "status.podIP", "status.podIPs");

    /** The VolumeSource members of core/v1; a volume names exactly one (none means emptyDir, by defaulting). */
    public static final List<String> VOLUME_SOURCES = List.of("hostPath", "emptyDir", "gcePersistentDisk",
        "awsElasticBlockStore", "gitRepo", "secret", "nfs", "iscsi", "glusterfs", "persistentVolumeClaim", "rbd",
        "flexVolume", "cinder", "cephfs", "flocker", "downwardAPI", "fc", "azureFile", "configMap", "vsphereVolume",
        "quobyte", "azureDisk", "photonPersistentDisk", "projected", "portworxVolume", "scaleIO", "storageos", "csi",
        "ephemeral", "image");

    /** What a Pod update may change, as Kubernetes lists it in its message. */
    static final String POD_UPDATE_FORBIDDEN = "pod updates may not change fields other than "
        + "`spec.containers[*].image`,`spec.initContainers[*].image`,`spec.activeDeadlineSeconds`,"
        + "`spec.tolerations` (only additions to existing tolerations),"
        + "`spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was previously negative)";

    private static final long MAX_UINT32 = 4294967295L;
    private static final String INIT_ONLY_WITH_RESTART_ALWAYS = "may not be set for init containers without restartPolicy=Always";

    private PodSpecValidation() {
    }

    /** Errors in a pod spec at {@code path} ({@code spec}, or {@code spec.template.spec} for templates). */
    public static List<FieldError> validatePodSpec(JsonNode spec, String path) {
        List<FieldError> errs = new ArrayList<>();
        if (spec != null && !spec.isNull() && !spec.isObject()) {
            errs.add(Fields.typeInvalid(path, spec, "an object"));
            return errs;
        }
        Set<String> volumes = validateVolumes(spec, path + ".volumes", errs);

        Set<String> containerNames = new HashSet<>();
        List<Fields.IndexedObject> containers = Fields.objects(spec, "containers", path + ".containers", errs);
        ArrayNode containerArray = Fields.array(spec, "containers");
        if (containerArray == null || containerArray.isEmpty()) {
            errs.add(FieldError.required(path + ".containers"));
        }
        for (Fields.IndexedObject c : containers) {
            errs.addAll(validateContainer(c.node(), c.path(), volumes, containerNames, false));
        }
        errs.addAll(checkHostPortConflicts(containers));
        List<Fields.IndexedObject> initContainers = Fields.objects(spec, "initContainers", path + ".initContainers", errs);
        for (Fields.IndexedObject c : initContainers) {
            errs.addAll(validateContainer(c.node(), c.path(), volumes, containerNames, true));
        }
        errs.addAll(checkHostPortConflicts(initContainers));

        String restartPolicy = Fields.string(spec, "restartPolicy", path + ".restartPolicy", errs);
        errs.addAll(supported(restartPolicy, RESTART_POLICIES, path + ".restartPolicy"));
        String dnsPolicy = Fields.string(spec, "dnsPolicy", path + ".dnsPolicy", errs);
        errs.addAll(supported(dnsPolicy, DNS_POLICIES, path + ".dnsPolicy"));
        if ("None".equals(dnsPolicy) && !Fields.has(spec, "dnsConfig")) {
            errs.add(FieldError.required(path + ".dnsConfig", "must provide `dnsConfig` when `dnsPolicy` is None"));
        }

        errs.addAll(ObjectMetaValidation.validateLabels(spec == null ? null : spec.get("nodeSelector"), path + ".nodeSelector"));
        Boolean hostNetwork = Fields.bool(spec, "hostNetwork", path + ".hostNetwork", errs);
        if (Boolean.TRUE.equals(hostNetwork)) {
            for (Fields.IndexedObject c : containers) {
                for (Fields.IndexedObject port : Fields.objects(c.node(), "ports", c.path() + ".ports", new ArrayList<>())) {
                    Long containerPort = Fields.integer(port.node(), "containerPort");
                    Long hostPort = Fields.integer(port.node(), "hostPort");
                    if (!Objects.equals(containerPort, hostPort)) {
                        errs.add(FieldError.invalid(port.path() + ".containerPort", containerPort == null ? 0 : containerPort,
                            "must match `hostPort` when `hostNetwork` is true"));
                    }
                }
            }
        }

        String nodeName = Fields.string(spec, "nodeName", path + ".nodeName", errs);
        if (nodeName != null && !nodeName.isEmpty()) {
            errs.addAll(FieldFormats.validateDns1123Subdomain(nodeName, path + ".nodeName"));
        }
        String serviceAccountName = Fields.string(spec, "serviceAccountName", path + ".serviceAccountName", errs);
        if (serviceAccountName != null && !serviceAccountName.isEmpty()) {
            errs.addAll(FieldFormats.validateDns1123Subdomain(serviceAccountName, path + ".serviceAccountName"));
        }
        for (String field : List.of("hostname", "subdomain")) {
            String value = Fields.string(spec, field, path + "." + field, errs);
            if (value != null && !value.isEmpty()) {
                errs.addAll(FieldFormats.validateDns1123Label(value, path + "." + field));
            }
        }
        Long activeDeadline = Fields.integer(spec, "activeDeadlineSeconds", path + ".activeDeadlineSeconds", errs);
        if (activeDeadline != null && (activeDeadline < 1 || activeDeadline > MAX_UINT32)) {
            errs.add(FieldError.invalid(path + ".activeDeadlineSeconds", activeDeadline, Formats.inclusiveRangeError(1, MAX_UINT32)));
        }
        Fields.nonNegative(spec, "terminationGracePeriodSeconds", path + ".terminationGracePeriodSeconds", errs);
        errs.addAll(validateTolerations(spec == null ? null : spec.get("tolerations"), path + ".tolerations"));
        Fields.object(spec, "securityContext", path + ".securityContext", errs);
        Fields.object(spec, "affinity", path + ".affinity", errs);
        return errs;
    }

    /** Errors in a pod template ({@code spec.template}): its labels and annotations, and its pod spec. */
    public static List<FieldError> validatePodTemplateSpec(JsonNode template, String path) {
        List<FieldError> errs = new ArrayList<>();
        if (template != null && !template.isNull() && !template.isObject()) {
            errs.add(Fields.typeInvalid(path, template, "an object"));
            return errs;
        }
        ObjectNode meta = Fields.object(template, "metadata", path + ".metadata", errs);
        if (meta != null) {
            errs.addAll(ObjectMetaValidation.validateLabels(meta.get("labels"), path + ".metadata.labels"));
            errs.addAll(ObjectMetaValidation.validateAnnotations(meta.get("annotations"), path + ".metadata.annotations"));
        }
        JsonNode spec = template == null ? null : template.get("spec");
        errs.addAll(validatePodSpec(spec, path + ".spec"));
        ArrayNode ephemeral = Fields.array(spec, "ephemeralContainers");
        if (ephemeral != null && !ephemeral.isEmpty()) {
            errs.add(FieldError.forbidden(path + ".spec.ephemeralContainers", "ephemeral containers not allowed in pod template"));
        }
        return errs;
    }

    /**
     * A ReplicaSet's or Deployment's template: the template labels must be selected by {@code selector}
     * (pass null for an invalid selector, whose error the caller reports), restartPolicy must be Always and
     * activeDeadlineSeconds unset, and the template itself must be valid.
     */
    public static List<FieldError> validatePodTemplateSpecForReplicaSet(JsonNode template, JsonNode selector,
                                                                        boolean selectorValid, String path) {
        List<FieldError> errs = new ArrayList<>();
        if (selectorValid && (selector == null || selector.isNull() || !LabelSelectorValidation.isEmpty(selector))) {
            Map<String, String> labels = templateLabels(template);
            // a missing selector selects nothing, so it never matches (as labels.Nothing() in Kubernetes)
            boolean matches = selector != null && !selector.isNull()
                && LabelSelectorValidation.matches(selector, labels == null ? Map.of() : labels);
            if (!matches) {
                errs.add(FieldError.invalid(path + ".metadata.labels", GoFormat.stringMap(labels),
                    "`selector` does not match template `labels`"));
            }
        }
        errs.addAll(validatePodTemplateSpec(template, path));
        JsonNode spec = template == null ? null : template.get("spec");
        String restartPolicy = Fields.string(spec, "restartPolicy");
        if (restartPolicy != null && !restartPolicy.equals("Always")) {
            errs.add(FieldError.notSupported(path + ".spec.restartPolicy", restartPolicy, List.of("Always")));
        }
        Long activeDeadline = Fields.integer(spec, "activeDeadlineSeconds");
        if (activeDeadline != null) {
            errs.add(FieldError.invalid(path + ".spec.activeDeadlineSeconds", activeDeadline,
                "activeDeadlineSeconds in ReplicaSet is not Supported"));
        }
        return errs;
    }

    /**
     * What a Pod update may change: only container and init container images, activeDeadlineSeconds (set or
     * lowered), added tolerations and a negative terminationGracePeriodSeconds raised to 1. Everything else
     * is {@code spec: Forbidden: pod updates may not change fields other than ...}, followed by what changed.
     * Validate the new spec with {@link #validatePodSpec} as well.
     */
    public static List<FieldError> validatePodSpecUpdate(JsonNode spec, JsonNode oldSpec, String path) {
        List<FieldError> errs = new ArrayList<>();
        if (!(spec instanceof ObjectNode newSpec) || !(oldSpec instanceof ObjectNode previous)) {
            return errs;
        }
        for (String list : List.of("containers", "initContainers")) {
            ArrayNode now = Fields.array(newSpec, list);
            ArrayNode before = Fields.array(previous, list);
            if ((now == null ? 0 : now.size()) != (before == null ? 0 : before.size())) {
                errs.add(FieldError.forbidden(path + "." + list, "pod updates may not add or remove containers"));
                return errs;
            }
        }

        String deadlinePath = path + ".activeDeadlineSeconds";
        Long deadline = Fields.integer(newSpec, "activeDeadlineSeconds");
        Long oldDeadline = Fields.integer(previous, "activeDeadlineSeconds");
        if (deadline != null) {
            if (deadline < 0 || deadline > Integer.MAX_VALUE) {
                errs.add(FieldError.invalid(deadlinePath, deadline, Formats.inclusiveRangeError(0, Integer.MAX_VALUE)));
                return errs;
            }
            if (oldDeadline != null && oldDeadline < deadline) {
                errs.add(FieldError.invalid(deadlinePath, deadline, "must be less than or equal to previous value"));
                return errs;
            }
        } else if (oldDeadline != null) {
            errs.add(FieldError.invalid(deadlinePath, GoFormat.of("null"), "must not update from a positive integer to nil value"));
        }

        errs.addAll(validateOnlyAddedTolerations(newSpec.get("tolerations"), previous.get("tolerations"), path + ".tolerations"));

        // Munge the allowed changes back to the old values; whatever still differs was not allowed.
        ObjectNode munged = newSpec.deepCopy();
        for (String list : List.of("containers", "initContainers")) {
            ArrayNode mungedList = Fields.array(munged, list);
            ArrayNode oldList = Fields.array(previous, list);
            if (mungedList == null || oldList == null) {
                continue;
            }
            for (int i = 0; i < mungedList.size(); i++) {
                if (mungedList.get(i) instanceof ObjectNode c && oldList.get(i) instanceof ObjectNode oldC) {
                    copyField(oldC, c, "image");
                }
            }
        }
        copyField(previous, munged, "activeDeadlineSeconds");
        copyField(previous, munged, "tolerations");
        Long oldGrace = Fields.integer(previous, "terminationGracePeriodSeconds");
        Long grace = Fields.integer(munged, "terminationGracePeriodSeconds");
        if (oldGrace != null && oldGrace < 0 && grace != null && grace == 1) {
            copyField(previous, munged, "terminationGracePeriodSeconds");
        }
        if (!JsonTrees.semanticEqual(munged, previous)) {
            List<String> changes = new ArrayList<>();
            JsonTrees.diff(previous, munged, path, changes, 20);
            StringBuilder detail = new StringBuilder(POD_UPDATE_FORBIDDEN);
            for (String change : changes) {
                detail.append("\n  ").append(change);
            }
            errs.add(FieldError.forbidden(path, detail.toString()));
        }
        return errs;
    }

    /** Tolerations: key a qualified name (or empty with Exists), operator Equal/Exists, effect and seconds rules. */
    public static List<FieldError> validateTolerations(JsonNode tolerations, String path) {
        List<FieldError> errs = new ArrayList<>();
        for (Fields.IndexedObject t : Fields.objects(tolerations, path, errs)) {
            String idx = t.path();
            String key = Fields.string(t.node(), "key", idx + ".key", errs);
            String operator = Fields.string(t.node(), "operator", idx + ".operator", errs);
            String value = Fields.string(t.node(), "value", idx + ".value", errs);
            String effect = Fields.string(t.node(), "effect", idx + ".effect", errs);
            Long seconds = Fields.integer(t.node(), "tolerationSeconds", idx + ".tolerationSeconds", errs);
            key = key == null ? "" : key;
            operator = operator == null ? "" : operator;
            value = value == null ? "" : value;
            effect = effect == null ? "" : effect;
            if (!key.isEmpty()) {
                errs.addAll(FieldFormats.validateLabelName(key, idx + ".key"));
            }
            if (key.isEmpty() && !operator.equals("Exists")) {
                errs.add(FieldError.invalid(idx + ".operator", operator,
                    "operator must be Exists when `key` is empty, which means \"match all values and all keys\""));
            }
            if (seconds != null && !effect.equals("NoExecute")) {
                errs.add(FieldError.invalid(idx + ".effect", effect,
                    "effect must be 'NoExecute' when `tolerationSeconds` is set"));
            }
            switch (operator) {
                case "Equal", "" -> errs.addAll(FieldFormats.validateLabelValue(value, idx + ".operator"));
                case "Exists" -> {
                    if (!value.isEmpty()) {
                        errs.add(FieldError.invalid(idx + ".operator", GoFormat.of(t.node().toString()),
                            "value must be empty when `operator` is 'Exists'"));
                    }
                }
                default -> errs.add(FieldError.notSupported(idx + ".operator", operator, TOLERATION_OPERATORS));
            }
            if (!effect.isEmpty()) {
                errs.addAll(validateTaintEffect(effect, true, idx + ".effect"));
            }
        }
        return errs;
    }

    /** NoSchedule, PreferNoSchedule or NoExecute; empty only where {@code allowEmpty} (tolerations). */
    public static List<FieldError> validateTaintEffect(String effect, boolean allowEmpty, String path) {
        if (effect == null || effect.isEmpty()) {
            return allowEmpty ? List.of() : List.of(FieldError.required(path));
        }
        return TAINT_EFFECTS.contains(effect) ? List.of() : List.of(FieldError.notSupported(path, effect, TAINT_EFFECTS));
    }

    /** An int-or-string port: a number 1-65535 or an IANA service name. */
    public static List<FieldError> validatePortNumOrName(JsonNode port, String path) {
        if (port == null || port.isNull()) {
            return FieldFormats.invalidEach(path, 0L, Formats.isValidPortNum(0));
        }
        if (port.isIntegralNumber()) {
            return FieldFormats.invalidEach(path, port.longValue(), Formats.isValidPortNum(port.longValue()));
        }
        if (port.isString()) {
            return FieldFormats.invalidEach(path, port.stringValue(), Formats.isValidPortName(port.stringValue()));
        }
        return List.of(Fields.typeInvalid(path, port, "an integer or a string"));
    }

    /** The labels of a template's metadata, null when it has none. */
    public static Map<String, String> templateLabels(JsonNode template) {
        ObjectNode meta = Fields.object(template, "metadata");
        return Fields.stringMap(meta == null ? null : meta.get("labels"), "", new ArrayList<>());
    }

    // --- containers ------------------------------------------------------------------------------

    private static List<FieldError> validateContainer(ObjectNode c, String path, Set<String> volumes,
                                                      Set<String> names, boolean init) {
        List<FieldError> errs = new ArrayList<>();
        String name = Fields.string(c, "name", path + ".name", errs);
        if (name == null || name.isEmpty()) {
            errs.add(FieldError.required(path + ".name"));
        } else {
            errs.addAll(FieldFormats.validateDns1123Label(name, path + ".name"));
            if (!names.add(name)) {
                errs.add(FieldError.duplicate(path + ".name", name));
            }
        }
        String image = Fields.string(c, "image", path + ".image", errs);
        if (image == null || image.isEmpty()) {
            errs.add(FieldError.required(path + ".image"));
        }
        String pullPolicy = Fields.string(c, "imagePullPolicy", path + ".imagePullPolicy", errs);
        errs.addAll(supported(pullPolicy, PULL_POLICIES, path + ".imagePullPolicy"));
        String messagePolicy = Fields.string(c, "terminationMessagePolicy", path + ".terminationMessagePolicy", errs);
        errs.addAll(supported(messagePolicy, TERMINATION_MESSAGE_POLICIES, path + ".terminationMessagePolicy"));
        Fields.stringList(c, "command", path + ".command", errs);
        Fields.stringList(c, "args", path + ".args", errs);

        errs.addAll(validateContainerPorts(c, path + ".ports"));
        errs.addAll(validateEnv(c, path + ".env"));
        errs.addAll(ResourceValidation.validateResourceRequirements(c.get("resources"), path + ".resources"));
        errs.addAll(validateVolumeMounts(c, volumes, path + ".volumeMounts"));

        String restartPolicy = Fields.string(c, "restartPolicy", path + ".restartPolicy", errs);
        boolean sidecar = "Always".equals(restartPolicy);
        if (init) {
            if (restartPolicy != null && !sidecar) {
                errs.add(FieldError.notSupported(path + ".restartPolicy", restartPolicy, List.of("Always")));
            }
        } else if (restartPolicy != null) {
            errs.add(FieldError.forbidden(path + ".restartPolicy", "may not be set for non-init containers"));
        }

        if (init && !sidecar) {
            for (String field : List.of("lifecycle", "livenessProbe", "readinessProbe", "startupProbe")) {
                if (Fields.has(c, field)) {
                    errs.add(FieldError.forbidden(path + "." + field, INIT_ONLY_WITH_RESTART_ALWAYS));
                }
            }
        } else {
            for (String probe : List.of("livenessProbe", "readinessProbe", "startupProbe")) {
                ObjectNode p = Fields.object(c, probe, path + "." + probe, errs);
                if (p == null) {
                    continue;
                }
                errs.addAll(validateProbe(p, path + "." + probe));
                Long success = Fields.integer(p, "successThreshold");
                if (!probe.equals("readinessProbe") && success != null && success != 1) {
                    errs.add(FieldError.invalid(path + "." + probe + ".successThreshold", success, "must be 1"));
                }
            }
            ObjectNode lifecycle = Fields.object(c, "lifecycle", path + ".lifecycle", errs);
            for (String hook : List.of("postStart", "preStop")) {
                ObjectNode handler = Fields.object(lifecycle, hook, path + ".lifecycle." + hook, errs);
                if (handler != null) {
                    errs.addAll(validateHandler(handler, path + ".lifecycle." + hook, true));
                }
            }
        }
        return errs;
    }

    private static List<FieldError> validateContainerPorts(ObjectNode c, String path) {
        List<FieldError> errs = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (Fields.IndexedObject port : Fields.objects(c, "ports", path, errs)) {
            String idx = port.path();
            String name = Fields.string(port.node(), "name", idx + ".name", errs);
            if (name != null && !name.isEmpty()) {
                List<String> msgs = Formats.isValidPortName(name);
                if (!msgs.isEmpty()) {
                    errs.addAll(FieldFormats.invalidEach(idx + ".name", name, msgs));
                } else if (!names.add(name)) {
                    errs.add(FieldError.duplicate(idx + ".name", name));
                }
            }
            Long containerPort = Fields.integer(port.node(), "containerPort", idx + ".containerPort", errs);
            boolean wrongType = containerPort == null && Fields.has(port.node(), "containerPort");
            if (wrongType) {
                // already reported as a type error
            } else if (containerPort == null || containerPort == 0) {
                errs.add(FieldError.required(idx + ".containerPort"));
            } else {
                errs.addAll(FieldFormats.invalidEach(idx + ".containerPort", containerPort, Formats.isValidPortNum(containerPort)));
            }
            Long hostPort = Fields.integer(port.node(), "hostPort", idx + ".hostPort", errs);
            if (hostPort != null && hostPort != 0) {
                errs.addAll(FieldFormats.invalidEach(idx + ".hostPort", hostPort, Formats.isValidPortNum(hostPort)));
            }
            String protocol = Fields.string(port.node(), "protocol", idx + ".protocol", errs);
            errs.addAll(supported(protocol, PROTOCOLS, idx + ".protocol"));
        }
        return errs;
    }

    private static List<FieldError> checkHostPortConflicts(List<Fields.IndexedObject> containers) {
        List<FieldError> errs = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (Fields.IndexedObject c : containers) {
            for (Fields.IndexedObject port : Fields.objects(c.node(), "ports", c.path() + ".ports", new ArrayList<>())) {
                Long hostPort = Fields.integer(port.node(), "hostPort");
                if (hostPort == null || hostPort == 0) {
                    continue;
                }
                String key = Fields.stringOrEmpty(port.node(), "protocol") + "/"
                    + Fields.stringOrEmpty(port.node(), "hostIP") + "/" + hostPort;
                if (!seen.add(key)) {
                    errs.add(FieldError.duplicate(port.path() + ".hostPort", key));
                }
            }
        }
        return errs;
    }

    private static List<FieldError> validateEnv(ObjectNode c, String path) {
        List<FieldError> errs = new ArrayList<>();
        for (Fields.IndexedObject env : Fields.objects(c, "env", path, errs)) {
            String idx = env.path();
            String name = Fields.string(env.node(), "name", idx + ".name", errs);
            if (name == null || name.isEmpty()) {
                errs.add(FieldError.required(idx + ".name"));
            } else {
                errs.addAll(FieldFormats.invalidEach(idx + ".name", name, Formats.isRelaxedEnvVarName(name)));
            }
            String value = Fields.string(env.node(), "value", idx + ".value", errs);
            ObjectNode from = Fields.object(env.node(), "valueFrom", idx + ".valueFrom", errs);
            if (from == null) {
                continue;
            }
            String fromPath = idx + ".valueFrom";
            int sources = 0;
            ObjectNode fieldRef = Fields.object(from, "fieldRef", fromPath + ".fieldRef", errs);
            if (fieldRef != null) {
                sources++;
                errs.addAll(validateObjectFieldSelector(fieldRef, fromPath + ".fieldRef"));
            }
            ObjectNode resourceFieldRef = Fields.object(from, "resourceFieldRef", fromPath + ".resourceFieldRef", errs);
            if (resourceFieldRef != null) {
                sources++;
                if (Fields.stringOrEmpty(resourceFieldRef, "resource").isEmpty()) {
                    errs.add(FieldError.required(fromPath + ".resourceFieldRef.resource"));
                }
            }
            for (String ref : List.of("configMapKeyRef", "secretKeyRef")) {
                ObjectNode selector = Fields.object(from, ref, fromPath + "." + ref, errs);
                if (selector == null) {
                    continue;
                }
                sources++;
                String refPath = fromPath + "." + ref;
                if (Fields.stringOrEmpty(selector, "name").isEmpty()) {
                    errs.add(FieldError.required(refPath + ".name"));
                }
                String key = Fields.stringOrEmpty(selector, "key");
                if (key.isEmpty()) {
                    errs.add(FieldError.required(refPath + ".key"));
                } else {
                    errs.addAll(FieldFormats.invalidEach(refPath + ".key", key, Formats.isConfigMapKey(key)));
                }
            }
            if (sources == 0) {
                errs.add(FieldError.invalid(fromPath, "",
                    "must specify one of: `fieldRef`, `resourceFieldRef`, `configMapKeyRef` or `secretKeyRef`"));
            } else if (value != null && !value.isEmpty()) {
                errs.add(FieldError.invalid(fromPath, "", "may not be specified when `value` is not empty"));
            } else if (sources > 1) {
                errs.add(FieldError.invalid(fromPath, "", "may not have more than one field specified at a time"));
            }
        }
        return errs;
    }

    private static List<FieldError> validateObjectFieldSelector(ObjectNode ref, String path) {
        List<FieldError> errs = new ArrayList<>();
        String apiVersion = Fields.stringOrEmpty(ref, "apiVersion");
        String fieldPath = Fields.stringOrEmpty(ref, "fieldPath");
        if (apiVersion.isEmpty()) {
            errs.add(FieldError.required(path + ".apiVersion"));
            return errs;
        }
        if (fieldPath.isEmpty()) {
            errs.add(FieldError.required(path + ".fieldPath"));
            return errs;
        }
        if (!apiVersion.equals("v1")) {
            errs.add(FieldError.invalid(path + ".fieldPath", fieldPath,
                "error converting fieldPath: unsupported pod version: " + apiVersion));
            return errs;
        }
        // metadata.labels['key'] and metadata.annotations['key'] select one entry
        if (fieldPath.endsWith("']") && fieldPath.contains("['")) {
            String trimmed = fieldPath.substring(0, fieldPath.length() - 2);
            int open = trimmed.indexOf("['");
            String base = trimmed.substring(0, open);
            String subscript = trimmed.substring(open + 2);
            if (!base.isEmpty()) {
                switch (base) {
                    case "metadata.annotations" -> errs.addAll(FieldFormats.invalidEach(path, subscript,
                        Formats.isQualifiedName(subscript.toLowerCase(Locale.ROOT))));
                    case "metadata.labels" -> errs.addAll(FieldFormats.invalidEach(path, subscript, Formats.isQualifiedName(subscript)));
                    default -> errs.add(FieldError.invalid(path, base, "does not support subscript"));
                }
                return errs;
            }
        }
        if (!ENV_FIELD_PATHS.contains(fieldPath)) {
            errs.add(FieldError.notSupported(path + ".fieldPath", fieldPath, ENV_FIELD_PATHS));
        }
        return errs;
    }

    private static List<FieldError> validateVolumeMounts(ObjectNode c, Set<String> volumes, String path) {
        List<FieldError> errs = new ArrayList<>();
        Set<String> mountPoints = new HashSet<>();
        for (Fields.IndexedObject mount : Fields.objects(c, "volumeMounts", path, errs)) {
            String idx = mount.path();
            String name = Fields.string(mount.node(), "name", idx + ".name", errs);
            if (name == null || name.isEmpty()) {
                errs.add(FieldError.required(idx + ".name"));
            } else if (!volumes.contains(name)) {
                // Kubernetes' reason here is FieldValueNotFound, which FieldError.Reason does not have
                errs.add(FieldError.notFound(idx + ".name", name));
            }
            String mountPath = Fields.string(mount.node(), "mountPath", idx + ".mountPath", errs);
            if (mountPath == null || mountPath.isEmpty()) {
                errs.add(FieldError.required(idx + ".mountPath"));
            } else if (!mountPoints.add(mountPath)) {
                errs.add(FieldError.invalid(idx + ".mountPath", mountPath, "must be unique"));
            }
            Fields.bool(mount.node(), "readOnly", idx + ".readOnly", errs);
        }
        return errs;
    }

    // --- probes and handlers ---------------------------------------------------------------------

    private static List<FieldError> validateProbe(ObjectNode probe, String path) {
        List<FieldError> errs = new ArrayList<>(validateHandler(probe, path, false));
        for (String field : List.of("initialDelaySeconds", "timeoutSeconds", "periodSeconds", "successThreshold",
            "failureThreshold")) {
            Fields.nonNegative(probe, field, path + "." + field, errs);
        }
        Long grace = Fields.integer(probe, "terminationGracePeriodSeconds", path + ".terminationGracePeriodSeconds", errs);
        if (grace != null && grace <= 0) {
            errs.add(FieldError.invalid(path + ".terminationGracePeriodSeconds", grace, "must be greater than 0"));
        }
        return errs;
    }

    // exactly one of exec, httpGet, tcpSocket, grpc (probes) or sleep (lifecycle hooks)
    private static List<FieldError> validateHandler(ObjectNode handler, String path, boolean lifecycle) {
        List<FieldError> errs = new ArrayList<>();
        List<String> kinds = lifecycle ? List.of("exec", "httpGet", "tcpSocket", "sleep") : List.of("exec", "httpGet", "tcpSocket", "grpc");
        int handlers = 0;
        for (String kind : kinds) {
            ObjectNode action = Fields.object(handler, kind, path + "." + kind, errs);
            if (action == null) {
                continue;
            }
            if (handlers > 0) {
                errs.add(FieldError.forbidden(path + "." + kind, "may not specify more than 1 handler type"));
                continue;
            }
            handlers++;
            String actionPath = path + "." + kind;
            switch (kind) {
                case "exec" -> {
                    List<String> command = Fields.stringList(action, "command", actionPath + ".command", errs);
                    if (command == null || command.isEmpty()) {
                        errs.add(FieldError.required(actionPath + ".command"));
                    }
                }
                case "httpGet" -> {
                    if (Fields.stringOrEmpty(action, "path").isEmpty()) {
                        errs.add(FieldError.required(actionPath + ".path"));
                    }
                    errs.addAll(validatePortNumOrName(action.get("port"), actionPath + ".port"));
                    String scheme = Fields.stringOrEmpty(action, "scheme");
                    if (!HTTP_SCHEMES.contains(scheme)) {
                        errs.add(FieldError.notSupported(actionPath + ".scheme", scheme, HTTP_SCHEMES));
                    }
                    for (Fields.IndexedObject header : Fields.objects(action, "httpHeaders", actionPath + ".httpHeaders", errs)) {
                        String headerName = Fields.stringOrEmpty(header.node(), "name");
                        errs.addAll(FieldFormats.invalidEach(actionPath + ".httpHeaders", headerName, Formats.isHttpHeaderName(headerName)));
                    }
                }
                case "tcpSocket" -> errs.addAll(validatePortNumOrName(action.get("port"), actionPath + ".port"));
                case "grpc" -> {
                    Long port = Fields.integer(action, "port", actionPath + ".port", errs);
                    long p = port == null ? 0 : port;
                    errs.addAll(FieldFormats.invalidEach(actionPath + ".port", p, Formats.isValidPortNum(p)));
                }
                case "sleep" -> {
                    Long seconds = Fields.integer(action, "seconds", actionPath + ".seconds", errs);
                    if (seconds == null || seconds < 0) {
                        errs.add(FieldError.invalid(actionPath + ".seconds", seconds == null ? 0 : seconds,
                            "must be non-negative and less than terminationGracePeriodSeconds"));
                    }
                }
                default -> {
                }
            }
        }
        if (handlers == 0) {
            errs.add(FieldError.required(path, "must specify a handler type"));
        }
        return errs;
    }

    // --- volumes ---------------------------------------------------------------------------------

    // returns the names of the valid volumes, which volumeMounts may reference
    private static Set<String> validateVolumes(JsonNode spec, String path, List<FieldError> errs) {
        Set<String> names = new HashSet<>();
        for (Fields.IndexedObject volume : Fields.objects(spec, "volumes", path, errs)) {
            List<FieldError> volumeErrs = new ArrayList<>();
            String idx = volume.path();
            int sources = 0;
            for (String source : VOLUME_SOURCES) {
                if (!Fields.has(volume.node(), source)) {
                    continue;
                }
                if (sources > 0) {
                    volumeErrs.add(FieldError.forbidden(idx + "." + source, "may not specify more than 1 volume type"));
                    continue;
                }
                sources++;
                volumeErrs.addAll(validateVolumeSource(volume.node(), source, idx + "." + source));
            }
            if (sources == 0) {
                volumeErrs.add(FieldError.required(idx, "must specify a volume type"));
            }
            String name = Fields.string(volume.node(), "name", idx + ".name", volumeErrs);
            if (name == null || name.isEmpty()) {
                volumeErrs.add(FieldError.required(idx + ".name"));
            } else {
                volumeErrs.addAll(FieldFormats.validateDns1123Label(name, idx + ".name"));
                if (names.contains(name)) {
                    volumeErrs.add(FieldError.duplicate(idx + ".name", name));
                }
            }
            if (volumeErrs.isEmpty()) {
                names.add(name);
            } else {
                errs.addAll(volumeErrs);
            }
        }
        return names;
    }

    private static List<FieldError> validateVolumeSource(ObjectNode volume, String source, String path) {
        List<FieldError> errs = new ArrayList<>();
        ObjectNode src = Fields.object(volume, source, path, errs);
        if (src == null) {
            return errs;
        }
        String required = switch (source) {
            case "hostPath" -> "path";
            case "persistentVolumeClaim" -> "claimName";
            case "secret" -> "secretName";
            case "configMap" -> "name";
            default -> null;
        };
        if (required != null && Fields.stringOrEmpty(src, required).isEmpty()) {
            errs.add(FieldError.required(path + "." + required));
        }
        return errs;
    }

    // --- helpers ---------------------------------------------------------------------------------

    private static List<FieldError> validateOnlyAddedTolerations(JsonNode tolerations, JsonNode oldTolerations, String path) {
        List<FieldError> errs = new ArrayList<>();
        if (oldTolerations != null && oldTolerations.isArray()) {
            for (JsonNode old : oldTolerations) {
                boolean found = false;
                if (tolerations != null && tolerations.isArray() && old instanceof ObjectNode oldT) {
                    for (JsonNode now : tolerations) {
                        // tolerationSeconds may change; everything else of an existing toleration stays
                        ObjectNode clone = oldT.deepCopy();
                        copyField(now instanceof ObjectNode n ? n : clone, clone, "tolerationSeconds");
                        if (JsonTrees.semanticEqual(clone, now)) {
                            found = true;
                            break;
                        }
                    }
                }
                if (!found) {
                    errs.add(FieldError.forbidden(path, "existing toleration can not be modified except its tolerationSeconds"));
                    return errs;
                }
            }
        }
        return errs;
    }

    private static List<FieldError> supported(String value, List<String> supported, String path) {
        if (value == null || value.isEmpty()) {
            return List.of(FieldError.required(path));
        }
        return supported.contains(value) ? List.of() : List.of(FieldError.notSupported(path, value, supported));
    }

    private static void copyField(ObjectNode from, ObjectNode to, String field) {
        JsonNode value = from.get(field);
        if (value == null) {
            to.remove(field);
        } else {
            to.set(field, value.deepCopy());
        }
    }
}
