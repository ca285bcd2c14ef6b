package com.autograph.export.retention;

import java.time.Clock;

import io.minio.MinioClient;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.SchedulingConfigurer;

import com.autograph.export.ExportProperties;
import com.autograph.shared.s3.BucketProvisioner;
import com.autograph.shared.s3.S3Properties;

/** Runs {@link ExportsRetentionJob} every {@code S3_EXPORTS_CLEANUP_INTERVAL}. */
@Configuration(proxyBeanMethods = false)
class RetentionConfiguration {

    @Bean
    ExportsRetentionJob exportsRetentionJob(MinioClient client, S3Properties properties, BucketProvisioner provisioner,
            Clock clock) {
        return new ExportsRetentionJob(client, properties, provisioner, clock);
    }

    @Bean
    SchedulingConfigurer exportsRetentionSchedule(ExportsRetentionJob job, ExportProperties properties) {
        return registrar -> registrar.addFixedDelayTask(job::runIfNeeded, properties.retention().cleanupInterval());
    }

}
