package io.j8s.common.fields;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class FieldSelectorTest {

    private static final Function<String, String> POD = Map.of(
            "metadata.name", "web-1",
            "metadata.namespace", "default",
            "spec.nodeName", "node-a",
            "status.phase", "Running")::get;

    @Test
    void equalityAndInequalityAreAnded() {
        assertThat(FieldSelector.parse("spec.nodeName=node-a").matches(POD)).isTrue();
        assertThat(FieldSelector.parse("spec.nodeName==node-a,status.phase!=Failed").matches(POD)).isTrue();
        assertThat(FieldSelector.parse("spec.nodeName=node-a,status.phase=Pending").matches(POD)).isFalse();
        assertThat(FieldSelector.parse("metadata.name!=web-1").matches(POD)).isFalse();
    }

    @Test
    void aMissingFieldReadsAsEmpty() {
        // What the scheduler asks for: pods not yet bound to a node.
        Function<String, String> unscheduled = Map.of("metadata.name", "p")::get;

        assertThat(FieldSelector.parse("spec.nodeName=").matches(unscheduled)).isTrue();
        assertThat(FieldSelector.parse("spec.nodeName!=").matches(unscheduled)).isFalse();
        assertThat(FieldSelector.parse("spec.nodeName!=").matches(POD)).isTrue();
    }

    @Test
    void emptySelectsEverything() {
        assertThat(FieldSelector.parse(null).matches(POD)).isTrue();
        assertThat(FieldSelector.parse("").isEmpty()).isTrue();
        assertThat(FieldSelector.parse(",").isEmpty()).isTrue();
    }

    @Test
    void requirementsAndExactValueLetAServerNarrowALookup() {
        FieldSelector selector = FieldSelector.parse("metadata.name=web-1,status.phase!=Failed");

        assertThat(selector.requirements()).containsExactly(
                new FieldSelector.Requirement("metadata.name", FieldSelector.Operator.EQUALS, "web-1"),
                new FieldSelector.Requirement("status.phase", FieldSelector.Operator.NOT_EQUALS, "Failed"));
        assertThat(selector.exactValue("metadata.name")).contains("web-1");
        assertThat(selector.exactValue("status.phase")).isEmpty();
        assertThat(selector.exactValue("spec.nodeName")).isEmpty();
    }

    @Test
    void escapedCommasAndEqualsBelongToTheValue() {
        FieldSelector selector = FieldSelector.parse("involvedObject.name=a\\,b\\=c,reason=Started");

        assertThat(selector.exactValue("involvedObject.name")).contains("a,b=c");
        assertThat(selector.requirements()).hasSize(2);
        assertThat(FieldSelector.parse(selector.toString())).isEqualTo(selector);
    }

    @Test
    void termsWithoutOperatorOrFieldAreRejected() {
        assertThatThrownBy(() -> FieldSelector.parse("spec.nodeName=a,status.phase"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("invalid selector: 'spec.nodeName=a,status.phase'; can't understand 'status.phase'");
        assertThatThrownBy(() -> FieldSelector.parse("=x")).hasMessageContaining("can't understand '=x'");
    }

    @Test
    void unescapedSeparatorsInValuesAreRejected() {
        assertThatThrownBy(() -> FieldSelector.parse("a=b=c")).hasMessageContaining("'=' must be escaped");
        assertThatThrownBy(() -> FieldSelector.parse("a=b\\x")).hasMessageContaining("may be escaped");
    }
}
