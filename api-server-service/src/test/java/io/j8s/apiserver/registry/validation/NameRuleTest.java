package io.j8s.apiserver.registry.validation;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class NameRuleTest {

    @Test
    void nameRulesPerKind() {
        assertThat(NameRule.forKind("Pod")).isEqualTo(NameRule.DNS1123_SUBDOMAIN);
        assertThat(NameRule.forKind("Namespace")).isEqualTo(NameRule.DNS1123_LABEL);
        assertThat(NameRule.forKind("Service")).isEqualTo(NameRule.DNS1035_LABEL);
        assertThat(NameRule.DNS1123_SUBDOMAIN.validate("web.v1", false)).isEmpty();
        assertThat(NameRule.DNS1123_LABEL.validate("web.v1", false)).containsExactly("must not contain dots");
        // a generateName prefix may end in a dash
        assertThat(NameRule.DNS1123_SUBDOMAIN.validate("web-", true)).isEmpty();
        assertThat(NameRule.DNS1123_SUBDOMAIN.validate("web-", false)).hasSize(1);
    }
}
