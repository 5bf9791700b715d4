package io.j8s.apiserver.security;

import org.springframework.boot.ssl.DefaultSslBundleRegistry;
import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.pem.PemSslStoreBundle;
import org.springframework.boot.ssl.pem.PemSslStoreDetails;
import org.springframework.boot.web.server.Ssl;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.web.server.reactive.ConfigurableReactiveWebServerFactory;
import org.springframework.core.Ordered;
import org.springframework.stereotype.Component;

/**
 * Serves HTTPS from the PEM certificate and key in {@code j8s.security.tls} (a Spring Boot SSL bundle), asking
 * clients for a certificate signed by the client CA when one is configured. Runs after Boot's own customizer, so
 * these settings are the ones that count; in development mode the port stays plain HTTP.
 */
@Component
class TlsConfiguration implements WebServerFactoryCustomizer<ConfigurableReactiveWebServerFactory>, Ordered {

    static final String BUNDLE = "j8s-api-server";

    private final SecurityProperties properties;

    TlsConfiguration(SecurityProperties properties) {
        this.properties = properties;
    }

    @Override
    public void customize(ConfigurableReactiveWebServerFactory factory) {
        properties.validate();
        if (properties.insecure()) {
            return;
        }
        SecurityProperties.Tls tls = properties.tls();
        PemSslStoreDetails key = PemSslStoreDetails.forCertificates(location(tls.certFile()))
            .withPrivateKey(location(tls.keyFile()));
        PemSslStoreDetails clientCa = tls.clientCaFile() == null ? null
            : PemSslStoreDetails.forCertificates(location(tls.clientCaFile()));
        SslBundle bundle = SslBundle.of(new PemSslStoreBundle(key, clientCa));
        Ssl ssl = Ssl.forBundle(BUNDLE);
        ssl.setClientAuth(clientCa == null ? Ssl.ClientAuth.NONE : Ssl.ClientAuth.WANT);
        factory.setSslBundles(new DefaultSslBundleRegistry(BUNDLE, bundle));
        factory.setSsl(ssl);
    }

    private static String location(String file) {
        return file.contains(":") && !file.startsWith("/") ? file : "file:" + file;
    }

    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }
}
