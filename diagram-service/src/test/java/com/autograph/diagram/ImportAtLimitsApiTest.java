package com.autograph.diagram;

import java.net.http.HttpResponse;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.autograph.document.formats.drawio.DrawioFormat;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The largest imports the default limits allow succeed: a draw.io file of nearly the
 * upload limit with 20,000 shapes, and a compressed page inflating to nearly 10 MB. This
 * sized diagram-service's heap (docs/configuration.md): run alone with a smaller heap
 * ({@code _JAVA_OPTIONS=-Xmx256m}, as the pom fixes the test JVM's own flags) it passes
 * at 256 MB and runs out of memory at 208 MB, this test's client (request and response,
 * about 40 MB) included; {@code ./autograph up} gives diagram-service 320 MB.
 */
class ImportAtLimitsApiTest extends DiagramApiTestBase {

    private static final String BOUNDARY = "autograph-limits-boundary";

    /**
     * 10,000 labelled boxes and 10,000 arrows between them, each label {@code labelChars}
     * long.
     */
    static String page(int labelChars) {
        StringBuilder xml = new StringBuilder("<mxGraphModel><root><mxCell id=\"0\"/><mxCell id=\"1\" parent=\"0\"/>");
        String label = "x".repeat(labelChars);
        for (int i = 0; i < 10_000; i++) {
            xml.append("<mxCell id=\"v")
                .append(i)
                .append("\" value=\"")
                .append(i)
                .append(' ')
                .append(label)
                .append("\" style=\"rounded=1;whiteSpace=wrap;html=1;fillColor=#dae8fc;strokeColor=#6c8ebf;\" vertex=\"1\""
                        + " parent=\"1\"><mxGeometry x=\"")
                .append(i % 100 * 200)
                .append("\" y=\"")
                .append(i / 100 * 120)
                .append("\" width=\"160\" height=\"80\" as=\"geometry\"/></mxCell>");
        }
        for (int i = 0; i < 10_000; i++) {
            xml.append("<mxCell id=\"e")
                .append(i)
                .append("\" value=\"")
                .append(label)
                .append("\" style=\"endArrow=classic;html=1;\"" + " edge=\"1\" parent=\"1\" source=\"v")
                .append(i)
                .append("\" target=\"v")
                .append((i + 1) % 10_000)
                .append("\"><mxGeometry relative=\"1\" as=\"geometry\"/></mxCell>");
        }
        return xml.append("</root></mxGraphModel>").toString();
    }

    @Test
    void theLargestAllowedImportsSucceed() {
        Api.User user = newUser();
        // Just under 10 MB (the upload limit) of XML, 20,000 shapes: the shape limit.
        String plain = "<mxfile><diagram name=\"p\">" + page(300) + "</diagram></mxfile>";
        assertThat(plain.length()).isBetween(9_500_000, 10_400_000);
        assertCreated(upload(user, "plain.drawio", plain));

        // A compressed page inflating to just under 10 MB (URL-encoded: about 7.3 MB of
        // XML).
        String xml = page(220);
        assertThat(DrawioFormat.decompress(DrawioFormat.compress(xml))).hasSize(xml.length());
        String compressed = "<mxfile><diagram name=\"p\">" + DrawioFormat.compress(xml) + "</diagram></mxfile>";
        assertCreated(upload(user, "compressed.drawio", compressed));
    }

    /** Counted in the text, not parsed: this client shares the heap it measures. */
    private static void assertCreated(HttpResponse<String> response) {
        String body = response.body();
        assertThat(response.statusCode()).as(body.substring(0, Math.min(500, body.length()))).isEqualTo(201);
        assertThat(body.split("\"type\":\"arrow\"", -1)).hasSize(10_001);
    }

    private HttpResponse<String> upload(Api.User user, String fileName, String content) {
        String body = "--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + fileName
                + "\"\r\nContent-Type: application/octet-stream\r\n\r\n" + content + "\r\n--" + BOUNDARY + "--\r\n";
        return api.send(user, "POST", "/api/diagrams/import", body,
                Map.of("Content-Type", "multipart/form-data; boundary=" + BOUNDARY));
    }

}
