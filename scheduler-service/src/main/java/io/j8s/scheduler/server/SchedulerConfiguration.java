package io.j8s.scheduler.server;

import io.j8s.common.client.ApiClient;
import io.j8s.common.client.ApiServerCredentials;
import io.j8s.scheduler.SchedulerProperties;
import io.j8s.scheduler.registry.PluginRegistry;
import io.j8s.scheduler.registry.Profile;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({SchedulerProperties.class, ApiServerCredentials.class})
class SchedulerConfiguration {

    @Bean
    ApiClient apiClient(SchedulerProperties properties, ApiServerCredentials credentials) {
        return new ApiClient(properties.apiServerUrl(), credentials);
    }

    @Bean
    PluginRegistry pluginRegistry() {
        return PluginRegistry.inTree();
    }

    /** Built at startup, so a misspelt plugin name stops the scheduler before it schedules anything. */
    @Bean
    Profile profile(PluginRegistry registry, SchedulerProperties properties) {
        return registry.profile(properties.plugins());
    }
}
