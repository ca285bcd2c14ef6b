package com.autograph.export;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code EXPORT_KROKI_ENABLED=false}: every Kroki-compatible path answers 404
 * {@code kroki_disabled} without rendering, and the signed-in export API is unaffected.
 */
@TestPropertySource(properties = "autograph.export.kroki.enabled=false")
class KrokiDisabledApiTest extends ExportApiTestBase {

    @Test
    void everyKrokiPathIsA404AndNothingElseChanges() {
        byte[] mermaid = "graph TD\n  A[Client] --> B[Server]".getBytes(StandardCharsets.UTF_8);
        HttpResponse<byte[]> get = get(null, "/api/export/kroki/mermaid/svg/" + ExportApiTest.encode(mermaid));
        ExportApiTest.assertKrokiError(get, 404);
        assertThat(text(get)).contains("switched off");
        HttpResponse<byte[]> post = send(null, "POST", "/api/export/kroki/mermaid/png", "text/plain", mermaid,
                Map.of());
        ExportApiTest.assertKrokiError(post, 404);

        HttpResponse<byte[]> signedIn = post(newUser(), "/api/export/render/mermaid/svg",
                "{\"code\": \"graph TD\\n  A[Client] --> B[Server]\"}");
        assertThat(signedIn.statusCode()).as(text(signedIn)).isEqualTo(200);
    }

}
