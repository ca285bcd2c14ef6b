package com.autograph.shared.redis;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.cache.annotation.EnableCaching;
import org.springframework.context.annotation.Bean;
import org.springframework.data.redis.cache.RedisCacheConfiguration;
import org.springframework.data.redis.cache.RedisCacheManager;
import org.springframework.data.redis.connection.RedisConnectionFactory;

/** The AutoGraph keyspace on top of Spring Boot's Lettuce connection factory. */
@AutoConfiguration(after = DataRedisAutoConfiguration.class)
@ConditionalOnBean(RedisConnectionFactory.class)
@EnableConfigurationProperties(RedisKeyspace.class)
@EnableCaching
public class RedisAutoConfiguration {

    /**
     * Every {@code @Cacheable} lands under {@code cache:} and expires after
     * {@code cache-ttl}.
     */
    @Bean
    @ConditionalOnMissingBean
    RedisCacheManager cacheManager(RedisConnectionFactory connectionFactory, RedisKeyspace keyspace) {
        RedisCacheConfiguration defaults = RedisCacheConfiguration.defaultCacheConfig()
            .entryTtl(keyspace.cacheTtl())
            .prefixCacheNameWith(keyspace.cachePrefix());
        return RedisCacheManager.builder(connectionFactory).cacheDefaults(defaults).build();
    }

}
