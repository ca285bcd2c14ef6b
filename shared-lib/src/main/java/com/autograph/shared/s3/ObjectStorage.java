package com.autograph.shared.s3;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import io.minio.GetObjectArgs;
import io.minio.GetPresignedObjectUrlArgs;
import io.minio.MinioClient;
import io.minio.PutObjectArgs;
import io.minio.RemoveObjectArgs;
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

    public void delete(String bucket, String key) {
        call(() -> {
            client.removeObject(RemoveObjectArgs.builder().bucket(bucket).object(key).build());
            return null;
        });
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
