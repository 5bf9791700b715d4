package io.j8s.common.labels;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.j8s.common.api.meta.LabelSelector;
import io.j8s.common.api.meta.LabelSelectorRequirement;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class SelectorTest {

    private static final Map<String, String> WEB = Map.of("app", "web", "tier", "frontend", "replicas", "3");

    @ParameterizedTest(name = "{0} matches app=web,tier=frontend,replicas=3: {1}")
    @CsvSource(delimiter = '|', value = {
            "app=web                     | true",
            "app==web                    | true",
            "app=db                      | false",
            "app!=db                     | true",
            "app!=web                    | false",
            "missing!=x                  | true",
            "app in (web,db)             | true",
            "app in (db)                 | false",
            "app notin (db,cache)        | true",
            "app notin (web)             | false",
            "missing notin (x)           | true",
            "missing in (x)              | false",
            "app                         | true",
            "missing                     | false",
            "!missing                    | true",
            "!app                        | false",
            "app=web,tier=frontend       | true",
            "app=web,tier=backend        | false",
            "replicas>2                  | true",
            "replicas<3                  | false",
            "app>2                       | false",
            "'  app = web ,  tier  '     | true",
    })
    void matchesLikeKubernetes(String expression, boolean expected) {
        assertThat(Selector.parse(expression).matches(WEB)).isEqualTo(expected);
    }

    @Test
    void emptyOrNullExpressionSelectsEverything() {
        assertThat(Selector.parse("").matches(WEB)).isTrue();
        assertThat(Selector.parse(null).matches(null)).isTrue();
        assertThat(Selector.parse("  ").isEmpty()).isTrue();
    }

    @Test
    void nullLabelsAreNoLabels() {
        assertThat(Selector.parse("!app").matches(null)).isTrue();
        assertThat(Selector.parse("app").matches(null)).isFalse();
    }

    @Test
    void emptyValuesAreAllowed() {
        assertThat(Selector.parse("a=").matches(Map.of("a", ""))).isTrue();
        assertThat(Selector.parse("a in ()").matches(Map.of("a", ""))).isTrue();
        assertThat(Selector.parse("a in (x,)").matches(Map.of("a", ""))).isTrue();
        assertThat(Selector.parse("a in (,x)").requirements().get(0).values()).containsExactly("", "x");
    }

    @Test
    void inAndNotinAreValuesInsideParentheses() {
        assertThat(Selector.parse("a in (in,notin)").matches(Map.of("a", "notin"))).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "a=b,c!=d,e in (y,x),f notin (z),g,!h",
            "x in (foo,,baz),y,z notin ()",
            "a==b",
            "example.com/app=web",
            "n>5,m<2",
    })
    void toStringIsCanonicalAndRoundTrips(String expression) {
        Selector selector = Selector.parse(expression);

        assertThat(Selector.parse(selector.toString())).isEqualTo(selector);
        assertThat(Selector.parse(selector.toString()).toString()).isEqualTo(selector.toString());
    }

    @Test
    void canonicalFormSortsKeysAndValues() {
        assertThat(Selector.parse("z=1, a in (c,b,c), !m").toString()).isEqualTo("a in (b,c),!m,z=1");
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            "a=b=c          | found '=', expected: ',' or 'end of string'",
            "a in b         | unable to parse requirement: found 'b' expected: '('",
            "a in (b        | unable to parse requirement: found '', expected: ',' or ')'",
            "a,             | found '', expected: identifier after ','",
            "=a             | found '=', expected: !, identifier, or 'end of string'",
            "a b            | unable to parse requirement: found 'b', expected: in, notin, =, ==, !=, gt, lt",
            "!a=b           | found '=', expected: ',' or 'end of string'",
            "k!/x=v         | unable to parse requirement",
            "bad key!=v     | unable to parse requirement: found 'key', expected: in, notin, =, ==, !=, gt, lt",
            "-a=v           | unable to parse requirement: invalid label key \"-a\"",
            "a=-v           | unable to parse requirement: invalid label value \"-v\" for key \"a\"",
            "a>x            | unable to parse requirement: for 'Gt', 'Lt' operators, the value must be an integer",
            "a/b/c          | unable to parse requirement: invalid label key \"a/b/c\": a qualified name",
            "UPPER.com/a    | unable to parse requirement: invalid label key \"UPPER.com/a\": prefix part",
    })
    void invalidExpressionsAreRejectedWithAReason(String expression, String message) {
        assertThatThrownBy(() -> Selector.parse(expression))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(message);
    }

    @Test
    void tooLongValueIsRejected() {
        assertThatThrownBy(() -> Selector.parse("a=" + "v".repeat(64)))
                .hasMessageContaining("must be no more than 63 characters");
    }

    @Test
    void apiSelectorNullMatchesNothingEmptyMatchesEverything() {
        assertThat(Selector.from(null).matches(WEB)).isFalse();
        assertThat(Selector.from(null).isEmpty()).isFalse();
        assertThat(Selector.from(new LabelSelector(null, null, null)).matches(Map.of())).isTrue();
        assertThat(Selector.from(new LabelSelector(Map.of(), List.of(), null)).isEmpty()).isTrue();
    }

    @Test
    void apiSelectorAndsMatchLabelsAndExpressions() {
        Selector selector = Selector.from(new LabelSelector(Map.of("app", "web"), List.of(
                LabelSelectorRequirement.of("tier", "In", "frontend", "edge"),
                LabelSelectorRequirement.of("canary", "DoesNotExist"),
                LabelSelectorRequirement.of("replicas", "Exists"),
                LabelSelectorRequirement.of("env", "NotIn", "prod")), null));

        assertThat(selector.matches(WEB)).isTrue();
        assertThat(selector.matches(Map.of("app", "web", "tier", "backend", "replicas", "1"))).isFalse();
        assertThat(selector.toString()).isEqualTo("app=web,!canary,env notin (prod),replicas,tier in (edge,frontend)");
    }

    @Test
    void apiSelectorRejectsUnknownOperatorsAndMissingValues() {
        assertThatThrownBy(() -> Selector.from(new LabelSelector(null,
                List.of(LabelSelectorRequirement.of("a", "Equals", "b")), null)))
                .hasMessage("\"Equals\" is not a valid label selector operator");
        assertThatThrownBy(() -> Selector.from(new LabelSelector(null,
                List.of(LabelSelectorRequirement.of("a", "In")), null)))
                .hasMessageContaining("values set can't be empty");
        assertThatThrownBy(() -> Selector.from(new LabelSelector(null,
                List.of(LabelSelectorRequirement.of("a", "Exists", "b")), null)))
                .hasMessageContaining("values set must be empty");
    }

    @Test
    void setSelectorRequiresEveryLabel() {
        Selector selector = Selector.fromSet(Map.of("app", "web", "tier", "frontend"));

        assertThat(selector.matches(WEB)).isTrue();
        assertThat(selector.matches(Map.of("app", "web"))).isFalse();
        assertThat(Selector.fromSet(Map.of()).isEmpty()).isTrue();
    }

    @Test
    void exactMatchIsReportedForEqualsAndSingleIn() {
        assertThat(Selector.parse("app=web,tier in (a)").requiresExactMatch("app")).contains("web");
        assertThat(Selector.parse("app=web,tier in (a)").requiresExactMatch("tier")).contains("a");
        assertThat(Selector.parse("tier in (a,b)").requiresExactMatch("tier")).isEmpty();
        assertThat(Selector.parse("app!=web").requiresExactMatch("app")).isEmpty();
    }
}
