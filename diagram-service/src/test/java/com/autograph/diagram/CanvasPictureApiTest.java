package com.autograph.diagram;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import com.jayway.jsonpath.JsonPath;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.test.context.bean.override.mockito.MockitoSpyBean;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import com.autograph.diagram.access.Caller;
import com.autograph.diagram.share.Shares;
import com.autograph.diagram.upload.Uploads;
import com.autograph.shared.error.ApiException;
import com.autograph.shared.s3.ObjectStorage;
import com.autograph.shared.s3.ObjectStorageException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.clearInvocations;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.doCallRealMethod;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;

/**
 * Pictures put on a canvas ({@code POST /api/diagrams/{id}/uploads} and through an edit
 * link): stored in the real S3 uploads bucket (S3Proxy) for editors only, once per
 * content, within the picture and per-file limits, and refused — before anything is read
 * where the request says enough — when they are not what they claim.
 */
class CanvasPictureApiTest extends DiagramApiTestBase {

    private static final int MIB = 1024 * 1024;

    @MockitoSpyBean
    ObjectStorage storage;

    @Autowired
    Uploads uploads;

    @Autowired
    Shares shares;

    @Test
    void anEditorStoresAPictureOnceAndTheDocumentThenRefersToIt() {
        Api.User owner = newUser();
        String id = createFile(owner, "Pictures");
        byte[] png = UploadApiTest.image("png", 120, 80);
        String key = UploadApiTest.sha256(png);

        HttpResponse<String> stored = post(owner, "/api/diagrams/" + id + "/uploads", "image/png", png);
        assertThat(stored.statusCode()).as(stored.body()).isEqualTo(201);
        assertThat(stored.headers().firstValue("Location")).hasValue("/api/diagrams/" + id + "/uploads/" + key);
        assertThat(JsonPath.<Map<String, Object>>read(stored.body(), "$")).containsEntry("key", key)
            .containsEntry("media_type", "image/png")
            .containsEntry("width", 120)
            .containsEntry("height", 80)
            .containsEntry("bytes", png.length);
        assertThat(storage.get(storage.buckets().uploads(), "sha256/" + key)).isEqualTo(png);

        // The same bytes again: the same answer, nothing stored twice.
        HttpResponse<String> again = post(owner, "/api/diagrams/" + id + "/uploads", "image/png", png);
        assertThat(again.statusCode()).as(again.body()).isEqualTo(200);
        assertThat(again.body()).isEqualTo(stored.body());
        assertThat(uploadRows(id)).isEqualTo(1);

        // The document names it; the file serves it.
        String canvas = "{\"schema_version\": 1, \"shapes\": [{\"id\": \"pic\", \"type\": \"image\", \"x\": 0, \"y\": 0,"
                + " \"width\": 120, \"height\": 80, \"src\": \"upload:" + key + "\"}]}";
        String etag = api.get(owner, "/api/diagrams/" + id).headers().firstValue("ETag").orElseThrow();
        HttpResponse<String> saved = api.patch(owner, "/api/diagrams/" + id, "{\"canvas_data\": " + canvas + "}", etag);
        assertThat(saved.statusCode()).as(saved.body()).isEqualTo(200);
        HttpResponse<byte[]> served = api.getBytes(owner, "/api/diagrams/" + id + "/uploads/" + key, Map.of());
        assertThat(served.statusCode()).isEqualTo(200);
        assertThat(served.body()).isEqualTo(png);

        // A chunked body (no Content-Length) is read to the limit and stored alike.
        byte[] webp = webp(40, 30);
        HttpResponse<String> chunked = api.sendBody(owner, "POST", "/api/diagrams/" + id + "/uploads", "image/webp",
                HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(webp)), Map.of());
        assertThat(chunked.statusCode()).as(chunked.body()).isEqualTo(201);
        assertThat(JsonPath.<Integer>read(chunked.body(), "$.width")).isEqualTo(40);
    }

    @Test
    void onlyTheFilesEditorsMayStoreAndAStrangerLearnsNothing() {
        Api.User owner = newUser();
        Api.User viewer = newUser();
        Api.User editor = newUser();
        Api.User stranger = newUser();
        String id = createFile(owner, "Shared");
        api.put(owner, "/api/diagrams/" + id + "/shares/users/" + viewer.id(), "{\"permission\": \"view\"}");
        api.put(owner, "/api/diagrams/" + id + "/shares/users/" + editor.id(), "{\"permission\": \"edit\"}");
        byte[] png = UploadApiTest.image("png", 10, 10);
        String path = "/api/diagrams/" + id + "/uploads";

        assertProblem(post(stranger, path, "image/png", png), 404, "not_found");
        assertProblem(post(viewer, path, "image/png", png), 403, "permission_denied");
        assertThat(post(null, path, "image/png", png).statusCode()).isEqualTo(401);
        // a stranger's refusal does not depend on what they send
        assertProblem(post(stranger, path, "image/svg+xml", "<svg/>".getBytes(StandardCharsets.UTF_8)), 404,
                "not_found");
        assertThat(uploadRows(id)).isZero();

        assertThat(post(editor, path, "image/png", png).statusCode()).isEqualTo(201);

        assertThat(api.delete(owner, "/api/diagrams/" + id).statusCode()).isIn(200, 204);
        assertProblem(post(owner, path, "image/png", UploadApiTest.image("png", 11, 11)), 409, "file_in_trash");
    }

    @Test
    void picturesOverTheLimitsOrNotWhatTheyClaimAreRefusedAndNothingIsStored() {
        Api.User owner = newUser();
        String id = createFile(owner, "Refusals");
        String path = "/api/diagrams/" + id + "/uploads";

        // Over 5 MB: refused by its Content-Length, and a chunked one once 5 MB and a
        // byte
        // are read.
        byte[] big = padded(UploadApiTest.image("png", 10, 10), 6 * MIB, 1);
        HttpResponse<String> declared = post(owner, path, "image/png", big);
        assertProblem(declared, 413, "limit_exceeded");
        assertThat(JsonPath.<String>read(declared.body(), "$.limit")).isEqualTo("uploads.max-image-bytes");
        assertThat(JsonPath.<String>read(declared.body(), "$.detail")).contains("larger than 5 MB");
        HttpResponse<String> chunked = api.sendBody(owner, "POST", path, "image/png",
                HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(big)), Map.of());
        assertProblem(chunked, 413, "limit_exceeded");

        HttpResponse<String> lying = post(owner, path, "image/png", UploadApiTest.image("gif", 4, 4));
        assertProblem(lying, 422, "invalid_picture");
        assertThat(JsonPath.<String>read(lying.body(), "$.detail")).contains("claims to be PNG but its bytes are GIF");

        byte[] svg = "<svg xmlns='http://www.w3.org/2000/svg' onload='alert(1)'/>".getBytes(StandardCharsets.UTF_8);
        HttpResponse<String> svgType = post(owner, path, "image/svg+xml", svg);
        assertProblem(svgType, 415, "unsupported_media_type");
        assertThat(JsonPath.<String>read(svgType.body(), "$.detail")).contains("SVG");
        HttpResponse<String> svgBytes = post(owner, path, "image/png", svg);
        assertProblem(svgBytes, 422, "invalid_picture");
        assertThat(JsonPath.<String>read(svgBytes.body(), "$.detail")).contains("SVG");

        byte[] bomb = UploadApiTest.image("png", 1, 1);
        ByteBuffer.wrap(bomb).putInt(16, 100_000).putInt(20, 100_000);
        HttpResponse<String> inflating = post(owner, path, "image/png", bomb);
        assertProblem(inflating, 422, "limit_exceeded");
        assertThat(JsonPath.<String>read(inflating.body(), "$.limit")).isEqualTo("uploads.max-image-pixels");

        assertProblem(post(owner, path, "text/plain", "hello".getBytes(StandardCharsets.UTF_8)), 415,
                "unsupported_media_type");
        assertProblem(post(owner, path, null, UploadApiTest.image("png", 3, 3)), 415, "unsupported_media_type");
        assertProblem(post(owner, path, "image/png", new byte[0]), 400, "validation_failed");
        assertProblem(post(owner, path, "image/png", "not a picture".getBytes(StandardCharsets.UTF_8)), 422,
                "invalid_picture");
        assertThat(uploadRows(id)).isZero();
    }

    @Test
    void aFilesPicturesTogetherStayWithinItsLimit() {
        Api.User owner = newUser();
        String id = createFile(owner, "Many pictures");
        String path = "/api/diagrams/" + id + "/uploads";
        byte[] first = padded(UploadApiTest.image("png", 20, 20), 4 * MIB, 1);
        byte[] second = padded(UploadApiTest.image("png", 20, 20), 4 * MIB, 2);
        byte[] third = padded(UploadApiTest.image("png", 20, 20), 3 * MIB, 3);

        assertThat(post(owner, path, "image/png", first).statusCode()).isEqualTo(201);
        assertThat(post(owner, path, "image/png", second).statusCode()).isEqualTo(201);
        clearInvocations(storage);
        HttpResponse<String> over = post(owner, path, "image/png", third);
        assertProblem(over, 422, "limit_exceeded");
        assertThat(JsonPath.<String>read(over.body(), "$.limit")).isEqualTo("uploads.max-bytes-per-file");
        // refused before its bytes went to S3
        verifyNoInteractions(storage);
        // what the file holds already is still answered, without putting it to S3 again
        assertThat(post(owner, path, "image/png", first).statusCode()).isEqualTo(200);
        verify(storage, never()).put(any(), any(), any(), any());
        assertThat(uploadRows(id)).isEqualTo(2);
        // another file has its own allowance
        assertThat(post(owner, "/api/diagrams/" + createFile(owner, "Other") + "/uploads", "image/png", third)
            .statusCode()).isEqualTo(201);
    }

    @Test
    void anEditLinkStoresPicturesAndAViewLinkDoesNot() {
        Api.User owner = newUser();
        String id = createFile(owner, "Linked");
        String edit = read(api.post(owner, "/api/diagrams/" + id + "/links", "{\"permission\": \"edit\"}"), "$.token");
        byte[] gif = UploadApiTest.image("gif", 7, 7);
        String key = UploadApiTest.sha256(gif);

        HttpResponse<String> stored = post(null, "/api/diagrams/links/" + edit + "/uploads", "image/gif", gif);
        assertThat(stored.statusCode()).as(stored.body()).isEqualTo(201);
        assertThat(stored.headers().firstValue("Location")).hasValue("/api/diagrams/links/" + edit + "/uploads/" + key);
        assertThat(api.getBytes(null, "/api/diagrams/links/" + edit + "/uploads/" + key, Map.of()).body())
            .isEqualTo(gif);
        assertThat(api.getBytes(owner, "/api/diagrams/" + id + "/uploads/" + key, Map.of()).body()).isEqualTo(gif);

        byte[] png = UploadApiTest.image("png", 5, 5);
        HttpResponse<String> view = api.post(owner, "/api/diagrams/" + id + "/links", "{\"permission\": \"view\"}");
        assertProblem(post(null, "/api/diagrams/links/" + read(view, "$.token") + "/uploads", "image/png", png), 403,
                "permission_denied");
        String locked = read(api.post(owner, "/api/diagrams/" + id + "/links",
                "{\"permission\": \"edit\", \"password\": \"open sesame\"}"), "$.token");
        assertProblem(post(null, "/api/diagrams/links/" + locked + "/uploads", "image/png", png), 403,
                "password_required");
        assertProblem(post(null, "/api/diagrams/links/no-such-token/uploads", "image/png", png), 404, "link_not_found");
        assertThat(api.delete(owner, "/api/diagrams/" + id + "/links/" + read(view, "$.id")).statusCode())
            .isEqualTo(204);
        assertProblem(post(null, "/api/diagrams/links/" + read(view, "$.token") + "/uploads", "image/png", png), 410,
                "link_revoked");
        assertThat(uploadRows(id)).isEqualTo(1);
    }

    /**
     * Who may store is checked before the body is read and again where the picture is
     * recorded: a share revoked, a link revoked or a file trashed while the body is being
     * read (here, on its first read) records nothing, and the object put for it is
     * removed unless another file holds the same bytes.
     */
    @Test
    void whatChangesWhileThePictureIsReadIsCheckedAgainWhereItIsRecorded() throws Exception {
        Api.User owner = newUser();
        Api.User editor = newUser();
        String id = createFile(owner, "Raced");
        UUID fileId = UUID.fromString(id);
        api.put(owner, "/api/diagrams/" + id + "/shares/users/" + editor.id(), "{\"permission\": \"edit\"}");

        // The editor's share is taken away meanwhile.
        Caller asEditor = new Caller(editor.id(), editor.teams());
        byte[] first = padded(UploadApiTest.image("png", 12, 12), 4096, System.nanoTime());
        uploads.requireEditable(asEditor, fileId);
        assertRefused(
                () -> uploads.store(fileId, () -> uploads.requireEditable(asEditor, fileId), "image/png", first.length,
                        readingFirst(first, () -> assertThat(
                                api.delete(owner, "/api/diagrams/" + id + "/shares/users/" + editor.id()).statusCode())
                            .isIn(200, 204))),
                HttpStatus.NOT_FOUND, "not_found");
        assertThat(uploadRows(id)).isZero();
        assertThat(storage.exists(storage.buckets().uploads(), "sha256/" + UploadApiTest.sha256(first))).isFalse();

        // An edit link is revoked meanwhile.
        HttpResponse<String> link = api.post(owner, "/api/diagrams/" + id + "/links", "{\"permission\": \"edit\"}");
        String token = read(link, "$.token");
        byte[] second = padded(UploadApiTest.image("png", 12, 12), 4096, System.nanoTime() + 1);
        assertThat(shares.fileEditableThroughLink(token, null, Optional.empty())).isEqualTo(fileId);
        assertRefused(
                () -> uploads.store(fileId, () -> shares.stillEditableThroughLink(token, Optional.empty()), "image/png",
                        second.length,
                        readingFirst(second, () -> assertThat(
                                api.delete(owner, "/api/diagrams/" + id + "/links/" + read(link, "$.id")).statusCode())
                            .isEqualTo(204))),
                HttpStatus.GONE, "link_revoked");
        assertThat(uploadRows(id)).isZero();

        // The file is trashed meanwhile; the same bytes another file holds stay there.
        String other = createFile(owner, "Holds the same picture");
        assertThat(post(owner, "/api/diagrams/" + other + "/uploads", "image/png", second).statusCode()).isEqualTo(201);
        Caller asOwner = new Caller(owner.id(), owner.teams());
        uploads.requireEditable(asOwner, fileId);
        assertRefused(() -> uploads.store(fileId, () -> uploads.requireEditable(asOwner, fileId), "image/png",
                second.length,
                readingFirst(second,
                        () -> assertThat(api.delete(owner, "/api/diagrams/" + id).statusCode()).isIn(200, 204))),
                HttpStatus.CONFLICT, "file_in_trash");
        assertThat(uploadRows(id)).isZero();
        assertThat(storage.get(storage.buckets().uploads(), "sha256/" + UploadApiTest.sha256(second)))
            .isEqualTo(second);
        assertThat(api.getBytes(owner, "/api/diagrams/" + other + "/uploads/" + UploadApiTest.sha256(second), Map.of())
            .body()).isEqualTo(second);
    }

    /**
     * An import puts its pictures outside any transaction (a slow S3 then holds no
     * database connection from other requests), and only once the caller is known to be
     * allowed to create the file where they asked: into someone else's folder, nothing is
     * put.
     */
    @Test
    void anImportPutsItsPicturesOutsideAnyTransactionAndOnlyForWhoMayCreateTheFile() {
        Api.User owner = newUser();
        Api.User stranger = newUser();
        byte[] png = padded(UploadApiTest.image("png", 20, 20), 4096, System.nanoTime());
        String key = UploadApiTest.sha256(png);
        String scene = UploadApiTest.scene(UploadApiTest.dataUrl("image/png", png), "label");
        List<Boolean> inTransaction = new CopyOnWriteArrayList<>();
        doAnswer(call -> {
            inTransaction.add(TransactionSynchronizationManager.isActualTransactionActive());
            return call.callRealMethod();
        }).when(storage).put(any(), any(), any(), any());
        String folder = newFolder(owner, "Owners", null);

        HttpResponse<String> refused = importScene(stranger, scene, "?folder_id=" + folder);
        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(404);
        assertThat(inTransaction).isEmpty();
        assertThat(storage.exists(storage.buckets().uploads(), "sha256/" + key)).isFalse();

        HttpResponse<String> created = importScene(owner, scene, "?folder_id=" + folder);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        assertThat(inTransaction).containsExactly(false);
        assertThat(uploadRows(read(created, "$.id"))).isEqualTo(1);
        assertThat(storage.get(storage.buckets().uploads(), "sha256/" + key)).isEqualTo(png);
    }

    /**
     * An import whose transaction fails after its pictures were put (here S3 stops
     * answering in it) creates no file and leaves none of the objects it put behind.
     */
    @Test
    void anImportWhoseTransactionFailsLeavesNoFileAndNoObject() {
        Api.User owner = newUser();
        byte[] png = padded(UploadApiTest.image("png", 20, 20), 4096, System.nanoTime());
        String key = UploadApiTest.sha256(png);
        doThrow(new ObjectStorageException(new java.io.IOException("S3 did not answer"))).when(storage)
            .exists(any(), any());

        HttpResponse<String> failed = importScene(owner,
                UploadApiTest.scene(UploadApiTest.dataUrl("image/png", png), "label"), "");
        assertThat(failed.statusCode()).as(failed.body()).isEqualTo(503);
        assertThat(jdbc.sql("SELECT count(*) FROM files WHERE owner_id = :u::uuid")
            .param("u", owner.id().toString())
            .query(Long.class)
            .single()).isZero();
        verify(storage).put(any(), any(), any(), any());
        doCallRealMethod().when(storage).exists(any(), any());
        assertThat(storage.exists(storage.buckets().uploads(), "sha256/" + key)).isFalse();
    }

    @Test
    void theApiDocumentDescribesThePictureBodyAndEveryRefusal() {
        HttpResponse<String> docs = api.get(null, "/v3/api-docs");
        assertThat(docs.statusCode()).isEqualTo(200);
        for (String path : java.util.List.of("/api/diagrams/{id}/uploads", "/api/diagrams/links/{token}/uploads")) {
            Map<String, Object> operation = JsonPath.read(docs.body(), "$.paths['" + path + "'].post");
            assertThat(JsonPath.<Map<String, Object>>read(operation, "$.requestBody.content")).as(path)
                .containsOnlyKeys("image/png", "image/jpeg", "image/gif", "image/webp");
            assertThat(JsonPath.<Map<String, Object>>read(operation, "$.responses")).as(path)
                .containsKeys("201", "200", "400", "403", "404", "413", "415", "422", "429");
            assertThat(JsonPath.<java.util.List<String>>read(operation, "$.parameters[*].name")).as(path)
                .doesNotContain("Content-Type", "Content-Length");
        }
    }

    private static void assertRefused(ThrowingCallable store, HttpStatus status, String code) {
        assertThatThrownBy(store).isInstanceOfSatisfying(ApiException.class, ex -> {
            assertThat(ex.status()).as(ex.getMessage()).isEqualTo(status);
            assertThat(ex.code()).isEqualTo(code);
        });
    }

    /**
     * {@code bytes} as a body that runs {@code meanwhile} before its first byte is read.
     */
    private static InputStream readingFirst(byte[] bytes, Runnable meanwhile) {
        return new ByteArrayInputStream(bytes) {

            private boolean ran;

            @Override
            public synchronized int read(byte[] into, int offset, int length) {
                if (!ran) {
                    ran = true;
                    meanwhile.run();
                }
                return super.read(into, offset, length);
            }

        };
    }

    private HttpResponse<String> importScene(Api.User user, String scene, String query) {
        String boundary = "picture-import-boundary";
        String body = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"pic.excalidraw\""
                + "\r\nContent-Type: application/json\r\n\r\n" + scene + "\r\n--" + boundary + "--\r\n";
        return api.send(user, "POST", "/api/diagrams/import" + query, body,
                Map.of("Content-Type", "multipart/form-data; boundary=" + boundary));
    }

    private HttpResponse<String> post(Api.User user, String path, String contentType, byte[] body) {
        return api.sendBody(user, "POST", path, contentType, HttpRequest.BodyPublishers.ofByteArray(body), Map.of());
    }

    private long uploadRows(String fileId) {
        return jdbc.sql("SELECT count(*) FROM file_uploads WHERE file_id = :f::uuid")
            .param("f", fileId)
            .query(Long.class)
            .single();
    }

    /**
     * {@code picture} followed by noise up to {@code size} bytes: still the picture its
     * header says (readers stop at its end), a different content for each {@code seed}.
     */
    private static byte[] padded(byte[] picture, int size, long seed) {
        byte[] out = new byte[size];
        new Random(seed).nextBytes(out);
        System.arraycopy(picture, 0, out, 0, picture.length);
        return out;
    }

    /** A lossless WebP header of {@code width} × {@code height} (what is read of it). */
    private static byte[] webp(int width, int height) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes("RIFF".getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(new byte[] { 26, 0, 0, 0 });
        out.writeBytes("WEBPVP8L".getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(new byte[] { 13, 0, 0, 0, 0x2F });
        long bits = (width - 1) | ((long) (height - 1) << 14);
        out.writeBytes(new byte[] { (byte) bits, (byte) (bits >> 8), (byte) (bits >> 16), (byte) (bits >> 24) });
        out.writeBytes(new byte[9]);
        return out.toByteArray();
    }

}
