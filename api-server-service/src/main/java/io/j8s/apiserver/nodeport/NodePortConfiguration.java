package io.j8s.apiserver.nodeport;

import io.j8s.apiserver.storage.CachedStorage;
import io.j8s.apiserver.storage.EtcdStorage;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(NodePortProperties.class)
class NodePortConfiguration {

    @Bean
    ServiceStorage serviceStorage(CachedStorage services, EtcdStorage etcd, NodePortProperties properties) {
        return new ServiceStorage(services, new NodePortAllocator(etcd, properties.range()));
    }
}
