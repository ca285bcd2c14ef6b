package com.autograph.shared.s3;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import io.minio.BucketExistsArgs;
import io.minio.MinioClient;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.autograph.shared.testapp.TestApplication;
import com.autograph.testsupport.IsolatedInfrastructure;
import com.autograph.testsupport.TestDatabase;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@SpringBootTest(classes = TestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.NONE,
        properties = "autograph.s3.enabled=true")
class S3WiringTest {

    private static final String SUFFIX = IsolatedInfrastructure.uniqueSuffix();

    private static final HttpClient http = HttpClient.newHttpClient();

    @DynamicPropertySource
    static void s3(DynamicPropertyRegistry registry) {
        IsolatedInfrastructure.registerS3(registry, SUFFIX);
        IsolatedInfrastructure.registerRedis(registry, SUFFIX);
        IsolatedInfrastructure.registerDatabase(registry, TestDatabase.create());
    }

    @Autowired
    MinioClient client;

    @Autowired
    ObjectStorage storage;

    @Autowired
    S3Properties properties;

    @Autowired
    BucketProvisioner provisioner;

    @Test
    void theThreeBucketsExistAfterStartUp() throws Exception {
        assertThat(provisioner.isProvisioned()).isTrue();
        for (String bucket : new String[] { "t" + SUFFIX + "-diagrams", "t" + SUFFIX + "-exports",
                "t" + SUFFIX + "-uploads" }) {
            assertThat(client.bucketExists(BucketExistsArgs.builder().bucket(bucket).build())).as(bucket).isTrue();
        }
        // Provisioning again is harmless.
        assertThat(provisioner.provisionIfNeeded()).isTrue();
    }

    @Test
    void presignedUrlsRoundTripAnObject() throws Exception {
        String bucket = storage.buckets().uploads();
        String key = "round-trip/diagram.json";
        byte[] content = "{\"schema_version\":1,\"shapes\":[]}".getBytes(StandardCharsets.UTF_8);

        String putUrl = storage.presignedPutUrl(bucket, key, Duration.ofMinutes(5));
        HttpResponse<String> put = http.send(
                HttpRequest.newBuilder(URI.create(putUrl)).PUT(HttpRequest.BodyPublishers.ofByteArray(content)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(put.statusCode()).as(put.body()).isEqualTo(200);

        String getUrl = storage.presignedGetUrl(bucket, key);
        assertThat(getUrl).contains("X-Amz-Expires=900"); // the 15 minute default
        HttpResponse<byte[]> get = http.send(HttpRequest.newBuilder(URI.create(getUrl)).GET().build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(get.statusCode()).isEqualTo(200);
        assertThat(get.body()).isEqualTo(content);

        // The URL is the credential: without its signature the object is not readable.
        String unsigned = getUrl.substring(0, getUrl.indexOf('?'));
        assertThat(http
            .send(HttpRequest.newBuilder(URI.create(unsigned)).GET().build(), HttpResponse.BodyHandlers.discarding())
            .statusCode()).isEqualTo(403);
    }

    @Test
    void presignExpiryIsBounded() {
        assertThatThrownBy(() -> storage.presignedGetUrl("b", "k", Duration.ofDays(8)))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("7 days");
        assertThatThrownBy(() -> storage.presignedGetUrl("b", "k", Duration.ZERO))
            .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void lifecycleIsHandledByTheServerOrByTheCleanupJob() {
        assertThat(provisioner.lifecycleSupport()).isIn(BucketProvisioner.LifecycleSupport.SERVER_RULE,
                BucketProvisioner.LifecycleSupport.CLEANUP_JOB);
    }

}
