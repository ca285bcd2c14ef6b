package com.autograph.shared.s3;

import io.minio.BucketExistsArgs;
import io.minio.MinioClient;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

/** UP when the buckets have been provisioned and the endpoint answers now. */
public class S3HealthIndicator extends AbstractHealthIndicator {

    private final MinioClient client;

    private final S3Properties properties;

    private final BucketProvisioner provisioner;

    public S3HealthIndicator(MinioClient client, S3Properties properties, BucketProvisioner provisioner) {
        super("S3 health check failed");
        this.client = client;
        this.properties = properties;
        this.provisioner = provisioner;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) throws Exception {
        builder.withDetail("endpoint", properties.endpoint());
        // Provisioning doubles as the recovery path after S3 was down at start-up.
        if (!provisioner.provisionIfNeeded()) {
            builder.down().withDetail("error", provisioner.lastError());
            return;
        }
        boolean exists = client
            .bucketExists(BucketExistsArgs.builder().bucket(properties.buckets().diagrams()).build());
        (exists ? builder.up()
                : builder.down().withDetail("error", "bucket " + properties.buckets().diagrams() + " is gone"))
            .withDetail("buckets", properties.buckets().all())
            .withDetail("lifecycle", provisioner.lifecycleSupport());
    }

}
