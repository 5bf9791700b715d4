package io.j8s.common.validation;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class FormatsTest {

    private static final String LABEL_MSG = "a lowercase RFC 1123 label must consist of lower case alphanumeric "
        + "characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', "
        + "regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')";

    @Test
    void dns1123LabelAcceptsLowercaseAlphanumericsAndInnerDashes() {
        assertThat(Formats.isDns1123Label("web-1")).isEmpty();
        assertThat(Formats.isDns1123Label("123-abc")).isEmpty();
        assertThat(Formats.isDns1123Label("a".repeat(63))).isEmpty();
    }

    @Test
    void dns1123LabelRejectsWithKubernetesMessages() {
        assertThat(Formats.isDns1123Label("Web")).containsExactly(LABEL_MSG);
        assertThat(Formats.isDns1123Label("-web")).hasSize(1);
        assertThat(Formats.isDns1123Label("web.example")).containsExactly("must not contain dots");
        assertThat(Formats.isDns1123Label("a".repeat(64))).containsExactly("must be no more than 63 characters");
        assertThat(Formats.isDns1123Label("")).hasSize(1);
    }

    @Test
    void dns1123SubdomainAllowsDotsUpTo253Characters() {
        assertThat(Formats.isDns1123Subdomain("my-app.example.com")).isEmpty();
        assertThat(Formats.isDns1123Subdomain("a".repeat(253))).isEmpty();
        assertThat(Formats.isDns1123Subdomain("a".repeat(254))).containsExactly("must be no more than 253 characters");
        assertThat(Formats.isDns1123Subdomain("my_app")).containsExactly("a lowercase RFC 1123 subdomain must consist "
            + "of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character "
            + "(e.g. 'example.com', regex used for validation is "
            + "'[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')");
        assertThat(Formats.isDns1123Subdomain("app.")).hasSize(1);
    }

    @Test
    void dns1035LabelMustStartWithALetter() {
        assertThat(Formats.isDns1035Label("web")).isEmpty();
        assertThat(Formats.isDns1035Label("1web")).singleElement().asString().startsWith("a DNS-1035 label must consist");
    }

    @Test
    void labelKeysHaveAnOptionalSubdomainPrefix() {
        assertThat(Formats.isQualifiedName("app")).isEmpty();
        assertThat(Formats.isQualifiedName("app.kubernetes.io/name")).isEmpty();
        assertThat(Formats.isQualifiedName("My_Key.1")).isEmpty();
        assertThat(Formats.isQualifiedName("/name")).containsExactly("prefix part must be non-empty");
        assertThat(Formats.isQualifiedName("example.com/")).contains("name part must be non-empty");
        assertThat(Formats.isQualifiedName("Example.com/name")).singleElement().asString()
            .startsWith("prefix part a lowercase RFC 1123 subdomain");
        assertThat(Formats.isQualifiedName("a/b/c")).singleElement().asString()
            .startsWith("a qualified name must consist of alphanumeric characters")
            .endsWith("with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')");
        assertThat(Formats.isQualifiedName("k".repeat(64))).contains("name part must be no more than 63 characters");
        assertThat(Formats.isQualifiedName("-key")).singleElement().asString()
            .startsWith("name part must consist of alphanumeric characters, '-', '_' or '.'");
    }

    @Test
    void labelValuesMayBeEmptyButNotLongerThan63() {
        assertThat(Formats.isLabelValue("")).isEmpty();
        assertThat(Formats.isLabelValue("v1.2_3-x")).isEmpty();
        assertThat(Formats.isLabelValue("v".repeat(64))).containsExactly("must be no more than 63 characters");
        assertThat(Formats.isLabelValue("a b")).singleElement().asString()
            .startsWith("a valid label must be an empty string or consist of alphanumeric characters");
    }

    @Test
    void portNamesAreIanaServiceNames() {
        assertThat(Formats.isValidPortName("http")).isEmpty();
        assertThat(Formats.isValidPortName("metrics-8080")).isEmpty();
        assertThat(Formats.isValidPortName("8080")).containsExactly("must contain at least one letter (a-z)");
        assertThat(Formats.isValidPortName("a-very-long-port-name")).containsExactly("must be no more than 15 characters");
        assertThat(Formats.isValidPortName("a--b")).containsExactly("must not contain consecutive hyphens");
        assertThat(Formats.isValidPortName("HTTP")).contains("must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)");
    }

    @Test
    void ipLiterals() {
        assertThat(Formats.isValidIp("10.1.2.3")).isEmpty();
        assertThat(Formats.isValidIp("127.0.0.1")).isEmpty();
        assertThat(Formats.isValidIp("::1")).isEmpty();
        assertThat(Formats.isValidIp("2001:db8::ffff")).isEmpty();
        assertThat(Formats.isValidIp("::ffff:10.0.0.1")).isEmpty();
        assertThat(Formats.isValidIp("1:2:3:4:5:6:7:8")).isEmpty();
        assertThat(Formats.isValidIp("256.1.1.1")).containsExactly("must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)");
        assertThat(Formats.isValidIp("my-host")).hasSize(1);
        assertThat(Formats.isValidIp("1:2:3:4:5:6:7")).hasSize(1);
        assertThat(Formats.isValidIp("1::2::3")).hasSize(1);
        assertThat(Formats.isValidIp("10.0.0.1::")).hasSize(1);
    }

    @Test
    void ipLiteralsOfOneFamily() {
        assertThat(Formats.isValidIpv4Address("10.1.2.3")).isEmpty();
        assertThat(Formats.isValidIpv4Address("2001:db8::1")).containsExactly("must be a valid IPv4 address");
        assertThat(Formats.isValidIpv6Address("2001:db8::1")).isEmpty();
        assertThat(Formats.isValidIpv6Address("10.1.2.3")).containsExactly("must be a valid IPv6 address");
    }
}
