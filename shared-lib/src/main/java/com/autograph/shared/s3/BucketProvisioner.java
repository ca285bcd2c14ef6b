package com.autograph.shared.s3;

import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import io.minio.BucketExistsArgs;
import io.minio.MakeBucketArgs;
import io.minio.MinioClient;
import io.minio.SetBucketLifecycleArgs;
import io.minio.errors.ErrorResponseException;
import io.minio.messages.Expiration;
import io.minio.messages.LifecycleConfiguration;
import io.minio.messages.LifecycleRule;
import io.minio.messages.RuleFilter;
import io.minio.messages.Status;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates the configured buckets if they are missing and asks the server to expire old
 * exports. S3 may be down when a service starts: then provisioning is retried on a
 * schedule instead of failing start-up, and the {@code s3} health indicator reports DOWN
 * until it succeeds.
 */
public class BucketProvisioner {

    private static final Logger log = LoggerFactory.getLogger(BucketProvisioner.class);

    /** Whether the server applies the exports lifecycle rule itself. */
    public enum LifecycleSupport {

        UNKNOWN, SERVER_RULE, CLEANUP_JOB

    }

    private final MinioClient client;

    private final S3Properties properties;

    private volatile boolean provisioned;

    private volatile LifecycleSupport lifecycleSupport = LifecycleSupport.UNKNOWN;

    private final AtomicReference<String> lastError = new AtomicReference<>("not attempted yet");

    public BucketProvisioner(MinioClient client, S3Properties properties) {
        this.client = client;
        this.properties = properties;
    }

    /** Idempotent; returns whether every bucket now exists. Never throws. */
    public synchronized boolean provisionIfNeeded() {
        if (provisioned) {
            return true;
        }
        try {
            for (String bucket : properties.buckets().all()) {
                if (!client.bucketExists(BucketExistsArgs.builder().bucket(bucket).build())) {
                    try {
                        client.makeBucket(MakeBucketArgs.builder().bucket(bucket).region(properties.region()).build());
                        log.info("Created S3 bucket {}", bucket);
                    }
                    catch (ErrorResponseException ex) {
                        // Another service created it between our check and our create.
                        if (!"BucketAlreadyOwnedByYou".equals(ex.errorResponse().code())) {
                            throw ex;
                        }
                    }
                }
            }
            lifecycleSupport = applyExportsExpiry();
            provisioned = true;
            lastError.set(null);
            return true;
        }
        catch (Exception ex) {
            lastError.set(ex.getClass().getSimpleName() + ": " + ex.getMessage());
            log.warn("S3 buckets not provisioned yet ({}); will retry", lastError.get());
            return false;
        }
    }

    private LifecycleSupport applyExportsExpiry() {
        String bucket = properties.buckets().exports();
        LifecycleRule rule = new LifecycleRule(Status.ENABLED, null,
                new Expiration((java.time.ZonedDateTime) null, properties.exportsRetentionDays(), null),
                new RuleFilter(""), "expire-old-exports", null, null, null);
        try {
            client.setBucketLifecycle(SetBucketLifecycleArgs.builder()
                .bucket(bucket)
                .config(new LifecycleConfiguration(List.of(rule)))
                .build());
            log.info("Exports in bucket {} expire after {} days (server lifecycle rule)", bucket,
                    properties.exportsRetentionDays());
            return LifecycleSupport.SERVER_RULE;
        }
        catch (Exception ex) {
            log.info("S3 server does not accept lifecycle rules ({}); the scheduled cleanup job expires exports"
                    + " older than {} days instead", ex.getMessage(), properties.exportsRetentionDays());
            return LifecycleSupport.CLEANUP_JOB;
        }
    }

    public boolean isProvisioned() {
        return provisioned;
    }

    public LifecycleSupport lifecycleSupport() {
        return lifecycleSupport;
    }

    public String lastError() {
        return lastError.get();
    }

}
