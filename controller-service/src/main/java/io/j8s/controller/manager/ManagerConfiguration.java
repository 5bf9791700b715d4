package io.j8s.controller.manager;

import io.j8s.common.client.ApiClient;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ControllerProperties.class)
class ManagerConfiguration {

    @Bean
    ApiClient apiClient(ControllerProperties properties) {
        return new ApiClient(properties.apiServerUrl());
    }
}
