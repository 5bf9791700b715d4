package io.j8s.apiserver.registry.strategy;

import io.j8s.apiserver.registry.FieldError;
import io.j8s.apiserver.registry.ResourceStrategy;
import io.j8s.apiserver.registry.validation.Fields;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * rbac.authorization.k8s.io/v1 RoleBinding and ClusterRoleBinding: a roleRef to a Role (RoleBindings only) or
 * ClusterRole, which never changes once set, and subjects that are Users, Groups or ServiceAccounts. Defaults the API
 * groups as Kubernetes does.
 */
public class RbacBindingStrategy implements ResourceStrategy {

    private static final String RBAC_GROUP = "rbac.authorization.k8s.io";

    private final boolean clusterScoped;

    public RbacBindingStrategy(boolean clusterScoped) {
        this.clusterScoped = clusterScoped;
    }

    @Override
    public void applyDefaults(ObjectNode binding) {
        JsonNode roleRef = binding.get("roleRef");
        if (roleRef instanceof ObjectNode ref) {
            Fields.defaultString(ref, "apiGroup", RBAC_GROUP);
        }
        for (ObjectNode subject : Fields.objectElements(binding, "subjects")) {
            JsonNode kind = subject.get("kind");
            if (kind != null && kind.isString() && (kind.stringValue().equals("User")
                || kind.stringValue().equals("Group"))) {
                Fields.defaultString(subject, "apiGroup", RBAC_GROUP);
            }
        }
    }

    @Override
    public List<FieldError> validate(ObjectNode binding) {
        List<FieldError> errs = new ArrayList<>();
        ObjectNode roleRef = Fields.object(binding, "roleRef", "roleRef", errs);
        if (roleRef == null) {
            errs.add(FieldError.required("roleRef"));
        } else {
            String group = Fields.string(roleRef, "apiGroup", "roleRef.apiGroup", errs);
            if (!RBAC_GROUP.equals(group)) {
                errs.add(FieldError.notSupported("roleRef.apiGroup", group == null ? "" : group, List.of(RBAC_GROUP)));
            }
            String kind = Fields.string(roleRef, "kind", "roleRef.kind", errs);
            List<String> kinds = clusterScoped ? List.of("ClusterRole") : List.of("Role", "ClusterRole");
            if (kind == null || kind.isEmpty()) {
                errs.add(FieldError.required("roleRef.kind"));
            } else if (!kinds.contains(kind)) {
                errs.add(FieldError.notSupported("roleRef.kind", kind, kinds));
            }
            String name = Fields.string(roleRef, "name", "roleRef.name", errs);
            if (name == null || name.isEmpty()) {
                errs.add(FieldError.required("roleRef.name"));
            } else if (name.contains("/") || name.contains("%") || name.equals(".") || name.equals("..")) {
                errs.add(FieldError.invalid("roleRef.name", name, "may not contain '/' or '%' or be '.' or '..'"));
            }
        }
        for (Fields.IndexedObject subject : Fields.objects(binding, "subjects", "subjects", errs)) {
            errs.addAll(validateSubject(subject));
        }
        return errs;
    }

    @Override
    public List<FieldError> validateUpdate(ObjectNode binding, ObjectNode old) {
        List<FieldError> errs = validate(binding);
        JsonNode before = old.get("roleRef");
        JsonNode after = binding.get("roleRef");
        if (before != null && !before.equals(after)) {
            errs.add(FieldError.invalid("roleRef", after == null ? "null" : after.toString(), "cannot change roleRef"));
        }
        return errs;
    }

    private List<FieldError> validateSubject(Fields.IndexedObject subject) {
        List<FieldError> errs = new ArrayList<>();
        String path = subject.path();
        String kind = Fields.string(subject.node(), "kind", path + ".kind", errs);
        String name = Fields.string(subject.node(), "name", path + ".name", errs);
        String group = Fields.string(subject.node(), "apiGroup", path + ".apiGroup", errs);
        String namespace = Fields.string(subject.node(), "namespace", path + ".namespace", errs);
        if (name == null || name.isEmpty()) {
            errs.add(FieldError.required(path + ".name"));
        }
        if (kind == null || !Set.of("User", "Group", "ServiceAccount").contains(kind)) {
            errs.add(FieldError.notSupported(path + ".kind", kind == null ? "" : kind,
                List.of("ServiceAccount", "User", "Group")));
            return errs;
        }
        if (kind.equals("ServiceAccount")) {
            if (group != null && !group.isEmpty()) {
                errs.add(FieldError.notSupported(path + ".apiGroup", group, List.of("")));
            }
            if (clusterScoped && (namespace == null || namespace.isEmpty())) {
                errs.add(FieldError.required(path + ".namespace"));
            }
        } else if (!RBAC_GROUP.equals(group)) {
            errs.add(FieldError.notSupported(path + ".apiGroup", group == null ? "" : group, List.of(RBAC_GROUP)));
        }
        return errs;
    }
}
