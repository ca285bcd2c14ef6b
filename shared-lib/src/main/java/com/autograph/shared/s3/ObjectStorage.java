package com.autograph.shared.s3;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.minio.GetObjectArgs;
import io.minio.GetPresignedObjectUrlArgs;
import io.minio.MinioClient;
import io.minio.PutObjectArgs;
import io.minio.ListObjectsArgs;
import io.minio.RemoveObjectArgs;
import io.minio.RemoveObjectsArgs;
import io.minio.Result;
import io.minio.StatObjectArgs;
import io.minio.errors.ErrorResponseException;
import io.minio.messages.DeleteError;
import io.minio.messages.DeleteObject;
import io.minio.messages.Item;
import io.minio.http.Method;

/**
 * The object-store operations services use, over the MinIO client. Presigned URLs let
 * browsers and clients move large files straight to and from S3 without passing through a
 * service.
 */
public class ObjectStorage {

    // S3 caps presigned URL lifetime at 7 days (SigV4).
    private static final Duration MAX_PRESIGN = Duration.ofDays(7);

    private final MinioClient client;

    private final S3Properties properties;

    public ObjectStorage(MinioClient client, S3Properties properties) {
        this.client = client;
        this.properties = properties;
    }

    public S3Properties.Buckets buckets() {
        return properties.buckets();
    }

    public String presignedGetUrl(String bucket, String key) {
        return presign(Method.GET, bucket, key, properties.presignExpiry());
    }

    public String presignedGetUrl(String bucket, String key, Duration expiry) {
        return presign(Method.GET, bucket, key, expiry);
    }

    public String presignedPutUrl(String bucket, String key) {
        return presign(Method.PUT, bucket, key, properties.presignExpiry());
    }

    public String presignedPutUrl(String bucket, String key, Duration expiry) {
        return presign(Method.PUT, bucket, key, expiry);
    }

    public void put(String bucket, String key, byte[] content, String contentType) {
        call(() -> client.putObject(PutObjectArgs.builder()
            .bucket(bucket)
            .object(key)
            .stream(new ByteArrayInputStream(content), content.length, -1)
            .contentType(contentType)
            .build()));
    }

    public byte[] get(String bucket, String key) {
        return call(() -> {
            try (InputStream in = client.getObject(GetObjectArgs.builder().bucket(bucket).object(key).build())) {
                return in.readAllBytes();
            }
        });
    }

    /** Whether the object is there (a HEAD request: nothing of it is read). */
    public boolean exists(String bucket, String key) {
        return call(() -> {
            try {
                client.statObject(StatObjectArgs.builder().bucket(bucket).object(key).build());
                return true;
            }
            catch (ErrorResponseException ex) {
                if ("NoSuchKey".equals(ex.errorResponse().code())) {
                    return false;
                }
                throw ex;
            }
        });
    }

    public void delete(String bucket, String key) {
        call(() -> {
            client.removeObject(RemoveObjectArgs.builder().bucket(bucket).object(key).build());
            return null;
        });
    }

    /**
     * Deletes every object whose key starts with {@code prefix}; returns how many. Keys
     * are listed and removed in batches, so memory stays bounded however many there are.
     */
    public int deleteAll(String bucket, String prefix) {
        if (prefix == null || prefix.isEmpty()) {
            throw new IllegalArgumentException("deleteAll needs a prefix: it never empties a bucket");
        }
        return call(() -> {
            int deleted = 0;
            List<DeleteObject> batch = new ArrayList<>();
            for (Result<Item> listed : client
                .listObjects(ListObjectsArgs.builder().bucket(bucket).prefix(prefix).recursive(true).build())) {
                batch.add(new DeleteObject(listed.get().objectName()));
                if (batch.size() == DELETE_BATCH) {
                    deleted += remove(bucket, batch);
                }
            }
            return deleted + remove(bucket, batch);
        });
    }

    /** S3 removes at most 1,000 keys a request. */
    private static final int DELETE_BATCH = 1000;

    private int remove(String bucket, List<DeleteObject> batch) throws Exception {
        int size = batch.size();
        if (size > 0) {
            // The answer is lazy: reading it is what sends the request.
            for (Result<DeleteError> error : client
                .removeObjects(RemoveObjectsArgs.builder().bucket(bucket).objects(List.copyOf(batch)).build())) {
                DeleteError failed = error.get();
                throw new ObjectStorageException(
                        new IllegalStateException("could not delete " + failed.objectName() + ": " + failed.message()));
            }
            batch.clear();
        }
        return size;
    }

    private String presign(Method method, String bucket, String key, Duration expiry) {
        if (expiry.isNegative() || expiry.isZero() || expiry.compareTo(MAX_PRESIGN) > 0) {
            throw new IllegalArgumentException(
                    "Presigned URL expiry must be between 1 second and 7 days, was " + expiry);
        }
        return call(() -> client.getPresignedObjectUrl(GetPresignedObjectUrlArgs.builder()
            .method(method)
            .bucket(bucket)
            .object(key)
            .expiry((int) expiry.toSeconds(), TimeUnit.SECONDS)
            .build()));
    }

    private static <T> T call(S3Call<T> call) {
        try {
            return call.run();
        }
        catch (RuntimeException ex) {
            throw ex;
        }
        catch (Exception ex) {
            throw new ObjectStorageException(ex);
        }
    }

    @FunctionalInterface
    interface S3Call<T> {

        T run() throws Exception;

    }

}
