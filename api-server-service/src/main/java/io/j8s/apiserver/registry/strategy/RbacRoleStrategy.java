package io.j8s.apiserver.registry.strategy;

import io.j8s.apiserver.registry.FieldError;
import io.j8s.apiserver.registry.ResourceStrategy;
import io.j8s.apiserver.registry.validation.Fields;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.node.ObjectNode;

/**
 * rbac.authorization.k8s.io/v1 Role and ClusterRole: every rule names verbs, and either API groups with resources
 * or (ClusterRoles only) non-resource URLs, never both. Who may write which rules is the RBAC escalation check's
 * business, in admission.
 */
public class RbacRoleStrategy implements ResourceStrategy {

    private final boolean clusterScoped;

    public RbacRoleStrategy(boolean clusterScoped) {
        this.clusterScoped = clusterScoped;
    }

    @Override
    public List<FieldError> validate(ObjectNode role) {
        List<FieldError> errs = new ArrayList<>();
        for (Fields.IndexedObject rule : Fields.objects(role, "rules", "rules", errs)) {
            errs.addAll(validateRule(rule, clusterScoped));
        }
        if (clusterScoped) {
            ObjectNode aggregation = Fields.object(role, "aggregationRule", "aggregationRule", errs);
            if (aggregation != null) {
                Fields.objects(aggregation, "clusterRoleSelectors", "aggregationRule.clusterRoleSelectors", errs);
            }
        }
        return errs;
    }

    static List<FieldError> validateRule(Fields.IndexedObject rule, boolean clusterScoped) {
        List<FieldError> errs = new ArrayList<>();
        String path = rule.path();
        List<String> verbs = Fields.stringList(rule.node(), "verbs", path + ".verbs", errs);
        List<String> groups = Fields.stringList(rule.node(), "apiGroups", path + ".apiGroups", errs);
        List<String> resources = Fields.stringList(rule.node(), "resources", path + ".resources", errs);
        Fields.stringList(rule.node(), "resourceNames", path + ".resourceNames", errs);
        List<String> urls = Fields.stringList(rule.node(), "nonResourceURLs", path + ".nonResourceURLs", errs);
        if (verbs == null || verbs.isEmpty()) {
            errs.add(FieldError.required(path + ".verbs", "verbs must contain at least one value"));
        }
        if (urls != null && !urls.isEmpty()) {
            if (!clusterScoped) {
                errs.add(FieldError.invalid(path + ".nonResourceURLs", urls,
                    "namespaced rules cannot apply to non-resource URLs"));
            }
            if (groups != null && !groups.isEmpty() || resources != null && !resources.isEmpty()) {
                errs.add(FieldError.invalid(path + ".nonResourceURLs", urls,
                    "rules cannot apply to both regular resources and non-resource URLs"));
            }
            return errs;
        }
        if (groups == null || groups.isEmpty()) {
            errs.add(FieldError.required(path + ".apiGroups", "resource rules must supply at least one api group"));
        }
        if (resources == null || resources.isEmpty()) {
            errs.add(FieldError.required(path + ".resources", "resource rules must supply at least one resource"));
        }
        return errs;
    }
}
