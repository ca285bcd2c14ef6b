package com.autograph.export.retention;

import java.time.Clock;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;

import io.minio.ListObjectsArgs;
import io.minio.MinioClient;
import io.minio.RemoveObjectsArgs;
import io.minio.Result;
import io.minio.messages.DeleteError;
import io.minio.messages.DeleteObject;
import io.minio.messages.Item;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.autograph.shared.s3.BucketProvisioner;
import com.autograph.shared.s3.S3Properties;

/**
 * Deletes exports older than the retention period on S3 servers that ignore lifecycle
 * rules (S3Proxy, some appliances): export-service's, the only writer of the
 * {@code exports} bucket. Safe to run on several instances at once: deletes are
 * idempotent.
 */
public class ExportsRetentionJob {

    private static final Logger log = LoggerFactory.getLogger(ExportsRetentionJob.class);

    private static final int DELETE_BATCH = 1000; // S3 DeleteObjects limit

    private final MinioClient client;

    private final S3Properties properties;

    private final BucketProvisioner provisioner;

    private final Clock clock;

    public ExportsRetentionJob(MinioClient client, S3Properties properties, BucketProvisioner provisioner,
            Clock clock) {
        this.client = client;
        this.properties = properties;
        this.provisioner = provisioner;
        this.clock = clock;
    }

    /**
     * Scheduled entry point: only does work where the server has no lifecycle rule for
     * us.
     */
    public void runIfNeeded() {
        if (!provisioner.provisionIfNeeded()) {
            return;
        }
        if (provisioner.lifecycleSupport() == BucketProvisioner.LifecycleSupport.CLEANUP_JOB) {
            try {
                deleteExpired();
            }
            catch (Exception ex) {
                log.warn("Exports cleanup failed, will retry on the next run: {}", ex.getMessage());
            }
        }
    }

    /**
     * @return how many objects were deleted
     */
    public int deleteExpired() throws Exception {
        String bucket = properties.buckets().exports();
        ZonedDateTime cutoff = ZonedDateTime.now(clock).minusDays(properties.exportsRetentionDays());
        List<DeleteObject> expired = new ArrayList<>();
        for (Result<Item> result : client
            .listObjects(ListObjectsArgs.builder().bucket(bucket).recursive(true).build())) {
            Item item = result.get();
            if (!item.isDir() && item.lastModified().isBefore(cutoff)) {
                expired.add(new DeleteObject(item.objectName()));
            }
        }
        for (int from = 0; from < expired.size(); from += DELETE_BATCH) {
            List<DeleteObject> batch = expired.subList(from, Math.min(from + DELETE_BATCH, expired.size()));
            for (Result<DeleteError> error : client
                .removeObjects(RemoveObjectsArgs.builder().bucket(bucket).objects(batch).build())) {
                DeleteError failure = error.get();
                log.warn("Could not delete expired export {}: {}", failure.objectName(), failure.message());
            }
        }
        if (!expired.isEmpty()) {
            log.info("Deleted {} exports older than {} days from bucket {}", expired.size(),
                    properties.exportsRetentionDays(), bucket);
        }
        return expired.size();
    }

}
