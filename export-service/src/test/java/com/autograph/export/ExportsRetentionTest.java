package com.autograph.export;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import io.minio.MinioClient;
import io.minio.StatObjectArgs;
import io.minio.errors.ErrorResponseException;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import com.autograph.export.retention.ExportsRetentionJob;
import com.autograph.shared.s3.BucketProvisioner;
import com.autograph.shared.s3.ObjectStorage;
import com.autograph.shared.s3.S3Properties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Exports (renders in the cache, batch ZIPs) expire after S3_EXPORTS_RETENTION_DAYS where
 * S3 has no lifecycle rule.
 */
class ExportsRetentionTest extends ExportApiTestBase {

    @Autowired
    MinioClient client;

    @Autowired
    ObjectStorage storage;

    @Autowired
    S3Properties properties;

    @Autowired
    BucketProvisioner provisioner;

    @Test
    void exportsOlderThanTheRetentionAreDeleted() throws Exception {
        String exports = storage.buckets().exports();
        storage.put(exports, "old/report.pdf", new byte[] { 1, 2, 3 }, "application/pdf");

        ExportsRetentionJob today = new ExportsRetentionJob(client, properties, provisioner, Clock.systemUTC());
        assertThat(today.deleteExpired()).isZero();
        assertThat(storage.get(exports, "old/report.pdf")).containsExactly(1, 2, 3);

        Clock later = Clock.fixed(Instant.now().plus(Duration.ofDays(properties.exportsRetentionDays() + 1)),
                ZoneOffset.UTC);
        assertThat(new ExportsRetentionJob(client, properties, provisioner, later).deleteExpired())
            .isGreaterThanOrEqualTo(1);
        assertThatThrownBy(
                () -> client.statObject(StatObjectArgs.builder().bucket(exports).object("old/report.pdf").build()))
            .isInstanceOf(ErrorResponseException.class);
    }

}
