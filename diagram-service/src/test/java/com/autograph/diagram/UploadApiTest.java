package com.autograph.diagram;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import javax.imageio.ImageIO;

import com.jayway.jsonpath.JsonPath;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import com.autograph.shared.s3.ObjectStorage;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Pictures and over-long labels of imported Excalidraw files: stored in the real S3
 * uploads bucket (S3Proxy), served only to those who may view a file holding them, put
 * back on export, and every way round the checks refused.
 */
class UploadApiTest extends DiagramApiTestBase {

    private static final String BOUNDARY = "autograph-upload-boundary";

    @Autowired
    ObjectStorage storage;

    @Test
    void anImportedPictureAndLongLabelAreStoredReferencedAndServedToViewers() {
        Api.User owner = newUser();
        Api.User viewer = newUser();
        byte[] png = image("png", 120, 80);
        String longLabel = "Ü".repeat(100_000) + " and the rest";
        HttpResponse<String> created = importScene(owner, scene(dataUrl("image/png", png), longLabel));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String id = read(created, "$.id");
        String key = sha256(png);

        assertThat(created.body()).doesNotContain("base64");
        assertThat(JsonPath.<String>read(created.body(), "$.canvas_data.shapes[0].src")).isEqualTo("upload:" + key);
        assertThat(JsonPath.<Map<String, Object>>read(created.body(), "$.canvas_data.shapes[0].upload"))
            .containsEntry("key", key)
            .containsEntry("media_type", "image/png")
            .containsEntry("width", 120)
            .containsEntry("height", 80)
            .containsEntry("bytes", png.length);
        assertThat(JsonPath.<String>read(created.body(), "$.canvas_data.shapes[1].text")).hasSize(100_000);
        String textKey = JsonPath.read(created.body(), "$.canvas_data.shapes[1].text_upload.key");
        assertThat(storage.get(storage.buckets().uploads(), "sha256/" + key)).isEqualTo(png);

        HttpResponse<byte[]> served = api.getBytes(owner, "/api/diagrams/" + id + "/uploads/" + key, Map.of());
        assertThat(served.statusCode()).isEqualTo(200);
        assertThat(served.body()).isEqualTo(png);
        assertThat(served.headers().firstValue("Content-Type")).hasValue("image/png");
        assertThat(served.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        assertThat(served.headers().firstValue("Content-Security-Policy")).hasValue("default-src 'none'; sandbox");
        assertThat(served.headers().firstValue("Content-Disposition").orElseThrow()).startsWith("inline")
            .contains(key + ".png");
        assertThat(served.headers().firstValue("Cache-Control").orElseThrow()).contains("private", "immutable");
        String etag = served.headers().firstValue("ETag").orElseThrow();
        HttpResponse<byte[]> again = api.getBytes(owner, "/api/diagrams/" + id + "/uploads/" + key,
                Map.of("If-None-Match", etag));
        assertThat(again.statusCode()).isEqualTo(304);
        assertThat(again.body()).isEmpty();

        HttpResponse<byte[]> text = api.getBytes(owner, "/api/diagrams/" + id + "/uploads/" + textKey, Map.of());
        assertThat(text.headers().firstValue("Content-Type")).hasValue("text/plain;charset=utf-8");
        assertThat(new String(text.body(), StandardCharsets.UTF_8)).isEqualTo(longLabel);

        // A viewer the file is shared with sees it; nobody else does.
        assertThat(api.getBytes(viewer, "/api/diagrams/" + id + "/uploads/" + key, Map.of()).statusCode())
            .isEqualTo(404);
        api.put(owner, "/api/diagrams/" + id + "/shares/users/" + viewer.id(), "{\"permission\": \"view\"}");
        assertThat(api.getBytes(viewer, "/api/diagrams/" + id + "/uploads/" + key, Map.of()).body()).isEqualTo(png);
        assertThat(api.getBytes(null, "/api/diagrams/" + id + "/uploads/" + key, Map.of()).statusCode()).isEqualTo(401);
    }

    @Test
    void exportsPutTheStoredContentBackAndCopiesKeepIt() {
        Api.User owner = newUser();
        byte[] jpeg = image("jpeg", 64, 32);
        String longLabel = "x".repeat(100_001);
        String id = read(importScene(owner, scene(dataUrl("image/jpeg", jpeg), longLabel)), "$.id");

        HttpResponse<String> excalidraw = api.get(owner,
                "/api/diagrams/files/" + id + "/export-source?format=excalidraw");
        assertThat(excalidraw.statusCode()).as(excalidraw.body()).isEqualTo(200);
        assertThat(excalidraw.body()).contains("data:image/jpeg;base64," + Base64.getEncoder().encodeToString(jpeg))
            .contains(longLabel);
        // …and that file imports again to the same picture.
        HttpResponse<String> reimported = importScene(owner, excalidraw.body());
        assertThat(JsonPath.<String>read(reimported.body(), "$.canvas_data.shapes[0].src"))
            .isEqualTo("upload:" + sha256(jpeg));

        // export-service renders with the pictures in place
        HttpResponse<String> internal = api.get(owner, "/internal/files/" + id + "/content");
        assertThat(JsonPath.<String>read(internal.body(), "$.canvas_data.shapes[0].src"))
            .startsWith("data:image/jpeg;base64,");
        assertThat(JsonPath.<String>read(internal.body(), "$.canvas_data.shapes[1].text")).isEqualTo(longLabel);

        HttpResponse<String> copy = api.post(owner, "/api/diagrams/" + id + "/duplicate", null);
        String copyId = read(copy, "$.id");
        assertThat(api.getBytes(owner, "/api/diagrams/" + copyId + "/uploads/" + sha256(jpeg), Map.of()).body())
            .isEqualTo(jpeg);
    }

    @Test
    void aKeyFromSomeoneElsesFileOrNotAKeyShowsNothing() {
        Api.User owner = newUser();
        Api.User other = newUser();
        byte[] png = image("png", 10, 10);
        String key = sha256(png);
        String id = read(importScene(owner, scene(dataUrl("image/png", png), "hi")), "$.id");
        String own = createFile(other, "Mine");

        // the other user's file names the owner's picture: it refers to it, but shows
        // nothing
        String canvas = "{\"schema_version\": 1, \"shapes\": [{\"id\": \"i\", \"type\": \"image\", \"src\": \"upload:"
                + key + "\", \"width\": 10, \"height\": 10}]}";
        String etag = api.get(other, "/api/diagrams/" + own).headers().firstValue("ETag").orElseThrow();
        HttpResponse<String> replaced = api.patch(other, "/api/diagrams/" + own, "{\"canvas_data\": " + canvas + "}",
                etag);
        assertThat(replaced.statusCode()).as(replaced.body()).isEqualTo(200);
        assertProblem(api.get(other, "/api/diagrams/" + own + "/uploads/" + key), 404, "upload_not_found");
        assertThat(api.get(other, "/api/diagrams/files/" + own + "/export-source?format=excalidraw").body())
            .doesNotContain("base64")
            .contains("upload:" + key);
        assertThat(JsonPath.<String>read(api.get(other, "/internal/files/" + own + "/content").body(),
                "$.canvas_data.shapes[0].src"))
            .isEqualTo("upload:" + key);
        // the owner's file itself is not theirs to see
        assertProblem(api.get(other, "/api/diagrams/" + id + "/uploads/" + key), 404, "not_found");

        // keys that are not keys: traversal, other spellings, other lengths
        assertNoKeyButTheKey(owner, "/api/diagrams/" + id + "/uploads/", key);
    }

    /**
     * Traversal, other spellings and other lengths of {@code key} under {@code path}:
     * none serves a picture.
     */
    private void assertNoKeyButTheKey(Api.User user, String path, String key) {
        for (String bad : List.of("..%2F..%2Fetc%2Fpasswd", "sha256%2F" + key, key.toUpperCase(), key + "0",
                key.substring(1), "%2e%2e", "x")) {
            HttpResponse<String> answer = api.get(user, path + bad);
            assertThat(answer.statusCode()).as(bad + ": " + answer.body()).isIn(400, 404);
            assertThat(answer.body()).doesNotContain("PNG");
        }
    }

    @Test
    void aShareLinkServesThePicturesItsFileHoldsWhileTheLinkMayBeUsed() {
        Api.User owner = newUser();
        Api.User stranger = newUser();
        byte[] png = image("png", 30, 20);
        String key = sha256(png);
        String id = read(importScene(owner, scene(dataUrl("image/png", png), "linked")), "$.id");
        byte[] elsewhere = image("gif", 7, 7);
        read(importScene(owner, scene(dataUrl("image/gif", elsewhere), "other file")), "$.id");
        HttpResponse<String> link = api.post(owner, "/api/diagrams/" + id + "/links", "{\"permission\": \"view\"}");
        String token = read(link, "$.token");
        String path = "/api/diagrams/links/" + token + "/uploads/";

        HttpResponse<byte[]> served = api.getBytes(null, path + key, Map.of());
        assertThat(served.statusCode()).isEqualTo(200);
        assertThat(served.body()).isEqualTo(png);
        assertThat(served.headers().firstValue("Content-Type")).hasValue("image/png");
        assertThat(served.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        assertThat(served.headers().firstValue("Content-Security-Policy")).hasValue("default-src 'none'; sandbox");
        assertThat(served.headers().firstValue("Cross-Origin-Resource-Policy")).hasValue("same-origin");
        assertThat(served.headers().firstValue("Content-Disposition").orElseThrow()).startsWith("inline");
        assertThat(served.headers().firstValue("Cache-Control").orElseThrow()).contains("private", "immutable");
        String etag = served.headers().firstValue("ETag").orElseThrow();
        assertThat(api.getBytes(null, path + key, Map.of("If-None-Match", etag)).statusCode()).isEqualTo(304);
        // a signed-in holder is served alike; fetching is not opening the link
        assertThat(api.getBytes(stranger, path + key, Map.of()).body()).isEqualTo(png);
        assertThat((Integer) read(api.get(owner, "/api/diagrams/" + id + "/shares"), "$.items[0].view_count")).isZero();

        // only what the link's file holds: not another file's picture, not a key its
        // document merely names
        assertProblem(api.get(null, path + sha256(elsewhere)), 404, "upload_not_found");
        String copied = createFile(stranger, "Copies the reference");
        String canvas = "{\"schema_version\": 1, \"shapes\": [{\"id\": \"i\", \"type\": \"image\", \"src\": \"upload:"
                + key + "\", \"width\": 10, \"height\": 10}]}";
        String copiedEtag = api.get(stranger, "/api/diagrams/" + copied).headers().firstValue("ETag").orElseThrow();
        assertThat(api.patch(stranger, "/api/diagrams/" + copied, "{\"canvas_data\": " + canvas + "}", copiedEtag)
            .statusCode()).isEqualTo(200);
        String strangersToken = read(
                api.post(stranger, "/api/diagrams/" + copied + "/links", "{\"permission\": \"view\"}"), "$.token");
        assertProblem(api.get(null, "/api/diagrams/links/" + strangersToken + "/uploads/" + key), 404,
                "upload_not_found");
        assertNoKeyButTheKey(null, path, key);
        assertProblem(api.get(null, "/api/diagrams/links/no-such-token/uploads/" + key), 404, "link_not_found");

        // a password link needs its password, as opening it does
        String locked = read(api.post(owner, "/api/diagrams/" + id + "/links",
                "{\"permission\": \"view\", \"password\": \"open sesame\"}"), "$.token");
        String lockedPath = "/api/diagrams/links/" + locked + "/uploads/" + key;
        assertProblem(api.get(null, lockedPath), 403, "password_required");
        assertProblem(api.send(null, "GET", lockedPath, null, Map.of("X-Share-Password", "guess")), 403,
                "wrong_password");
        assertProblem(
                api.send(null, "GET", lockedPath, null, Map.of("X-Share-Password", "guess", "If-None-Match", etag)),
                403, "wrong_password");
        assertThat(api.getBytes(null, lockedPath, Map.of("X-Share-Password", "open sesame")).body()).isEqualTo(png);

        // a revoked link serves nothing, even to a client that names the ETag
        assertThat(api.delete(owner, "/api/diagrams/" + id + "/links/" + read(link, "$.id")).statusCode())
            .isEqualTo(204);
        assertProblem(api.get(null, path + key), 410, "link_revoked");
        assertProblem(api.send(null, "GET", path + key, null, Map.of("If-None-Match", etag)), 410, "link_revoked");

        // nor does an expired one, nor a link whose file went to the trash
        String expiring = read(
                api.post(owner, "/api/diagrams/" + id + "/links", "{\"permission\": \"view\", \"expires_in_days\": 1}"),
                "$.token");
        assertThat(api.getBytes(null, "/api/diagrams/links/" + expiring + "/uploads/" + key, Map.of()).statusCode())
            .isEqualTo(200);
        clock.advance(Duration.ofDays(1).plusMinutes(1));
        assertProblem(api.get(null, "/api/diagrams/links/" + expiring + "/uploads/" + key), 410, "link_expired");
        assertThat(api.delete(owner, "/api/diagrams/" + id).statusCode()).isIn(200, 204);
        assertProblem(api.send(null, "GET", lockedPath, null, Map.of("X-Share-Password", "open sesame")), 404,
                "link_not_found");
    }

    @Test
    void picturesOverTheLimitsOrNotWhatTheyClaimAreRefusedAndNothingIsStored() {
        Api.User user = newUser();
        long files = countFiles(user);

        // 6 MB of base64 claiming to be a PNG: refused from its length, never decoded
        String oversized = "data:image/png;base64," + "A".repeat(8_000_000);
        HttpResponse<String> big = importScene(user, scene(oversized, "t"));
        assertProblem(big, 422, "limit_exceeded");
        assertThat(JsonPath.<String>read(big.body(), "$.limit")).isEqualTo("uploads.max-image-bytes");

        HttpResponse<String> lying = importScene(user, scene(dataUrl("image/png", image("gif", 4, 4)), "t"));
        assertProblem(lying, 422, "unreadable_file");
        assertThat(JsonPath.<String>read(lying.body(), "$.detail")).contains("claims to be PNG but its bytes are GIF");

        String svg = dataUrl("image/svg+xml", "<svg xmlns='http://www.w3.org/2000/svg' onload='alert(1)'/>".getBytes());
        assertThat(JsonPath.<String>read(importScene(user, scene(svg, "t")).body(), "$.detail")).contains("SVG");

        byte[] bomb = image("png", 1, 1);
        ByteBuffer.wrap(bomb).putInt(16, 100_000).putInt(20, 100_000);
        HttpResponse<String> inflating = importScene(user, scene(dataUrl("image/png", bomb), "t"));
        assertProblem(inflating, 422, "limit_exceeded");
        assertThat(JsonPath.<String>read(inflating.body(), "$.limit")).isEqualTo("uploads.max-image-pixels");

        assertProblem(importScene(user, scene("data:image/png;base64,%%%%", "t")), 422, "unreadable_file");
        assertThat(countFiles(user)).isEqualTo(files);
        assertThat(
                jdbc.sql("SELECT count(*) FROM file_uploads u JOIN files f ON f.id = u.file_id WHERE f.owner_id = :u")
                    .param("u", user.id())
                    .query(Long.class)
                    .single())
            .isZero();
    }

    private long countFiles(Api.User user) {
        return jdbc.sql("SELECT count(*) FROM files WHERE owner_id = :u")
            .param("u", user.id())
            .query(Long.class)
            .single();
    }

    private HttpResponse<String> importScene(Api.User user, String scene) {
        String body = "--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"pic.excalidraw\""
                + "\r\nContent-Type: application/json\r\n\r\n" + scene + "\r\n--" + BOUNDARY + "--\r\n";
        return api.send(user, "POST", "/api/diagrams/import", body,
                Map.of("Content-Type", "multipart/form-data; boundary=" + BOUNDARY));
    }

    static String scene(String dataUrl, String label) {
        return """
                {"type":"excalidraw","version":2,"elements":[
                 {"id":"img","type":"image","x":0,"y":0,"width":120,"height":80,"fileId":"f1","status":"saved"},
                 {"id":"label","type":"text","x":0,"y":100,"width":10,"height":10,"text":"%s"}],
                 "files":{"f1":{"id":"f1","mimeType":"image/png","created":1,"dataURL":"%s"}}}
                """.formatted(label, dataUrl);
    }

    static String dataUrl(String mediaType, byte[] bytes) {
        return "data:" + mediaType + ";base64," + Base64.getEncoder().encodeToString(bytes);
    }

    static byte[] image(String format, int width, int height) {
        BufferedImage picture = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        picture.setRGB(0, 0, 0x2266AA);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(picture, format, out);
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        return out.toByteArray();
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        }
        catch (java.security.NoSuchAlgorithmException ex) {
            throw new IllegalStateException(ex);
        }
    }

}
