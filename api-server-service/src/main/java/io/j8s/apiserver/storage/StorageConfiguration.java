package io.j8s.apiserver.storage;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({EtcdProperties.class, WatchCacheProperties.class})
class StorageConfiguration {

    @Bean(destroyMethod = "close")
    EtcdStorage etcdStorage(EtcdProperties properties) {
        return new EtcdStorage(properties);
    }

    @Bean(destroyMethod = "close")
    CachedStorage cachedStorage(EtcdStorage etcd, WatchCacheProperties properties) {
        return new CachedStorage(etcd, properties);
    }
}
