package io.j8s.controller.manager;

import io.j8s.common.client.ApiClient;
import io.j8s.common.client.ApiServerCredentials;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({ControllerProperties.class, ApiServerCredentials.class})
class ManagerConfiguration {

    @Bean
    ApiClient apiClient(ControllerProperties properties, ApiServerCredentials credentials) {
        return new ApiClient(properties.apiServerUrl(), credentials);
    }
}
