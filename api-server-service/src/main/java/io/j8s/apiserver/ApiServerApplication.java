package io.j8s.apiserver;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** The cluster's single front door: authenticated, authorized Kubernetes REST and watch over objects stored in etcd. */
// Users come from the token file and client certificates, never from Spring's generated in-memory user.
@SpringBootApplication(
    excludeName = "org.springframework.boot.security.autoconfigure.ReactiveUserDetailsServiceAutoConfiguration")
@ConfigurationPropertiesScan
public class ApiServerApplication {

    public static void main(String[] args) {
        SpringApplication.run(ApiServerApplication.class, args);
    }
}
