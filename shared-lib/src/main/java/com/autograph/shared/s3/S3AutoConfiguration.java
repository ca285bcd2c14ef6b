package com.autograph.shared.s3;

import java.time.Clock;

import io.minio.MinioClient;
import okhttp3.OkHttpClient;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * S3 wiring for the services that store files (enabled with
 * {@code autograph.s3.enabled=true}).
 */
@AutoConfiguration
@ConditionalOnProperty(name = "autograph.s3.enabled", havingValue = "true")
@EnableConfigurationProperties(S3Properties.class)
@EnableScheduling
public class S3AutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    MinioClient minioClient(S3Properties properties) {
        OkHttpClient http = new OkHttpClient.Builder().connectTimeout(properties.connectTimeout())
            .readTimeout(properties.readTimeout())
            .writeTimeout(properties.readTimeout())
            .build();
        return MinioClient.builder()
            .endpoint(properties.endpoint())
            .region(properties.region())
            .credentials(properties.accessKey(), properties.secretKey())
            .httpClient(http)
            .build();
    }

    @Bean
    @ConditionalOnMissingBean
    ObjectStorage objectStorage(MinioClient client, S3Properties properties) {
        return new ObjectStorage(client, properties);
    }

    @Bean
    BucketProvisioner bucketProvisioner(MinioClient client, S3Properties properties) {
        BucketProvisioner provisioner = new BucketProvisioner(client, properties);
        // One attempt now so a healthy S3 is ready with the service; later attempts come
        // from the
        // health checks and the retention job, so a dead S3 never blocks start-up.
        provisioner.provisionIfNeeded();
        return provisioner;
    }

    @Bean(name = "s3HealthIndicator")
    S3HealthIndicator s3HealthIndicator(MinioClient client, S3Properties properties, BucketProvisioner provisioner) {
        return new S3HealthIndicator(client, properties, provisioner);
    }

    @Bean
    @ConditionalOnMissingBean
    Clock clock() {
        return Clock.systemUTC();
    }

}
