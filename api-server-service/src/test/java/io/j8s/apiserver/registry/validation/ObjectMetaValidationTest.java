package io.j8s.apiserver.registry.validation;

import static io.j8s.apiserver.registry.TestJson.json;
import static io.j8s.apiserver.registry.TestJson.lines;
import static org.assertj.core.api.Assertions.assertThat;

import io.j8s.apiserver.registry.FieldError;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

class ObjectMetaValidationTest {

    @Test
    void validMetadataHasNoErrors() {
        ObjectNode pod = json("{'metadata':{'name':'web-0','namespace':'default','labels':{'app':'web',"
            + "'app.kubernetes.io/part-of':'shop'},'annotations':{'example.com/Note':'anything at all: {}'},"
            + "'finalizers':['example.com/cleanup'],'ownerReferences':[{'apiVersion':'apps/v1','kind':'ReplicaSet',"
            + "'name':'web-abc','uid':'1234','controller':true}]}}");
        assertThat(ObjectMetaValidation.validate(pod, true, NameRule.DNS1123_SUBDOMAIN)).isEmpty();
    }

    @Test
    void nameOrGenerateNameIsRequired() {
        List<FieldError> errs = ObjectMetaValidation.validate(json("{'metadata':{'namespace':'default'}}"), true,
            NameRule.DNS1123_SUBDOMAIN);
        assertThat(lines(errs)).containsExactly("metadata.name: Required value: name or generateName is required");
        assertThat(errs.get(0).reason()).isEqualTo(FieldError.Reason.FieldValueRequired);
        assertThat(ObjectMetaValidation.validate(json("{'metadata':{'generateName':'web-','namespace':'default'}}"),
            true, NameRule.DNS1123_SUBDOMAIN)).isEmpty();
    }

    @Test
    void nameMustFollowTheKindsRule() {
        List<FieldError> errs = ObjectMetaValidation.validate(json("{'metadata':{'name':'Web_1','namespace':'default'}}"),
            true, NameRule.DNS1123_SUBDOMAIN);
        assertThat(lines(errs)).singleElement().asString()
            .startsWith("metadata.name: Invalid value: \"Web_1\": a lowercase RFC 1123 subdomain must consist of");
        assertThat(lines(ObjectMetaValidation.validate(json("{'metadata':{'name':'team.a'}}"), false, NameRule.DNS1123_LABEL)))
            .containsExactly("metadata.name: Invalid value: \"team.a\": must not contain dots");
    }

    @Test
    void namespaceRequiredForNamespacedKindsAndForbiddenForClusterScopedOnes() {
        assertThat(lines(ObjectMetaValidation.validate(json("{'metadata':{'name':'web'}}"), true, NameRule.DNS1123_SUBDOMAIN)))
            .containsExactly("metadata.namespace: Required value");
        assertThat(lines(ObjectMetaValidation.validate(json("{'metadata':{'name':'node-1','namespace':'default'}}"), false,
            NameRule.DNS1123_SUBDOMAIN))).containsExactly("metadata.namespace: Forbidden: not allowed on this type");
        assertThat(ObjectMetaValidation.validate(json("{'metadata':{'name':'node-1','namespace':''}}"), false,
            NameRule.DNS1123_SUBDOMAIN)).isEmpty();
    }

    @Test
    void labelsAreReportedAtTheMapPath() {
        List<FieldError> errs = ObjectMetaValidation.validate(
            json("{'metadata':{'name':'web','namespace':'default','labels':{'bad key':'ok','app':'not ok'}}}"),
            true, NameRule.DNS1123_SUBDOMAIN);
        assertThat(lines(errs)).hasSize(2).allSatisfy(line -> assertThat(line).startsWith("metadata.labels: Invalid value: "));
        assertThat(lines(errs).get(0)).startsWith("metadata.labels: Invalid value: \"bad key\": name part must consist of");
        assertThat(lines(errs).get(1)).startsWith("metadata.labels: Invalid value: \"not ok\": a valid label must be");
    }

    @Test
    void annotationsAreLimitedTo256KiBInTotal() {
        ObjectNode obj = json("{'metadata':{'name':'web','namespace':'default','annotations':{}}}");
        ((ObjectNode) obj.get("metadata").get("annotations")).put("big", "x".repeat(256 * 1024));
        assertThat(lines(ObjectMetaValidation.validate(obj, true, NameRule.DNS1123_SUBDOMAIN)))
            .containsExactly("metadata.annotations: Too long: must have at most 262144 bytes");
    }

    @Test
    void ownerReferencesNeedApiVersionKindNameAndUid() {
        List<FieldError> errs = ObjectMetaValidation.validate(
            json("{'metadata':{'name':'web','namespace':'default','ownerReferences':[{'apiVersion':'apps/','kind':'ReplicaSet'}]}}"),
            true, NameRule.DNS1123_SUBDOMAIN);
        assertThat(lines(errs)).containsExactly(
            "metadata.ownerReferences.apiVersion: Invalid value: \"apps/\": version must not be empty",
            "metadata.ownerReferences.name: Invalid value: \"\": name must not be empty",
            "metadata.ownerReferences.uid: Invalid value: \"\": uid must not be empty");
    }

    @Test
    void onlyOneControllerReference() {
        List<FieldError> errs = ObjectMetaValidation.validate(json("{'metadata':{'name':'web','namespace':'default',"
            + "'ownerReferences':[{'apiVersion':'v1','kind':'A','name':'a','uid':'1','controller':true},"
            + "{'apiVersion':'v1','kind':'B','name':'b','uid':'2','controller':true}]}}"), true, NameRule.DNS1123_SUBDOMAIN);
        assertThat(lines(errs)).singleElement().asString().endsWith(
            "Only one reference can have Controller set to true. Found \"true\" in references for A/a and B/b");
    }

    @Test
    void finalizersAreQualifiedNames() {
        List<FieldError> errs = ObjectMetaValidation.validate(
            json("{'metadata':{'name':'web','namespace':'default','finalizers':['example.com/a','bad/finalizer/x']}}"),
            true, NameRule.DNS1123_SUBDOMAIN);
        assertThat(lines(errs)).singleElement().asString()
            .startsWith("metadata.finalizers: Invalid value: \"bad/finalizer/x\": a qualified name must consist of");
    }

    @Test
    void wrongTypesAreErrorsNotExceptions() {
        assertThat(lines(ObjectMetaValidation.validate(json("{'metadata':'web'}"), true, NameRule.DNS1123_SUBDOMAIN)))
            .containsExactly("metadata: Invalid value: \"web\": must be an object");
        assertThat(lines(ObjectMetaValidation.validate(json("{'metadata':{'name':'web','namespace':'d','labels':{'a':1}}}"),
            true, NameRule.DNS1123_SUBDOMAIN))).containsExactly("metadata.labels[a]: Invalid value: 1: must be a string");
    }

    @Test
    void updateMayNotChangeIdentity() {
        ObjectNode old = json("{'metadata':{'name':'web','namespace':'default','uid':'u1','creationTimestamp':'2024-01-01T00:00:00Z'}}");
        ObjectNode renamed = json("{'metadata':{'name':'web2','namespace':'other','uid':'u2','creationTimestamp':'2025-01-01T00:00:00Z'}}");
        assertThat(lines(ObjectMetaValidation.validateUpdate(renamed, old))).containsExactly(
            "metadata.name: Invalid value: \"web2\": field is immutable",
            "metadata.namespace: Invalid value: \"other\": field is immutable",
            "metadata.uid: Invalid value: \"u2\": field is immutable",
            "metadata.creationTimestamp: Invalid value: \"2025-01-01T00:00:00Z\": field is immutable");
        // a PUT that leaves out the server-set fields is not a change
        assertThat(ObjectMetaValidation.validateUpdate(json("{'metadata':{'name':'web','namespace':'default','labels':{'a':'b'}}}"), old))
            .isEmpty();
    }
}
