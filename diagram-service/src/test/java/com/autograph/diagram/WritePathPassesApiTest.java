package com.autograph.diagram;

import java.net.http.HttpResponse;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.test.context.bean.override.mockito.MockitoSpyBean;

import com.autograph.diagram.file.CanvasCodec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.clearInvocations;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;

/**
 * How often a PATCH converts a canvas, counted at the one place that does it
 * ({@link CanvasCodec}): the request's document is validated and serialised once, the
 * stored head is parsed at most once (to compare with it), and a change of title, type or
 * note converts no canvas at all.
 */
class WritePathPassesApiTest extends DiagramApiTestBase {

    @MockitoSpyBean
    CanvasCodec canvases;

    Api.User owner;

    String id;

    @BeforeEach
    void file() {
        owner = newUser();
        id = createFile(owner, "Counted");
        patch("{\"note_content\": \"first\"}"); // the first change makes version 1: what
                                                // follows is autosave
        clearInvocations(canvases);
    }

    @Test
    void aTitleOrTypeOnlyPatchConvertsNoCanvas() {
        patch("{\"title\": \"Renamed\"}");
        patch("{\"type\": \"mixed\"}");
        verify(canvases, never()).parse(anyString());
        verify(canvases, never()).canvas(any());
        verify(canvases, never()).validated(any(), any());
    }

    @Test
    void aNoteOnlyPatchConvertsNoCanvasEvenWhenItMakesAVersion() {
        clock.advance(java.time.Duration.ofMinutes(10));
        HttpResponse<String> response = patch("{\"note_content\": \"second\"}");
        assertThat((Integer) read(response, "$.version_count")).isEqualTo(2);
        verify(canvases, never()).parse(anyString());
        verify(canvases, never()).validated(any(), any());
    }

    @Test
    void aCanvasPatchValidatesOnceAndParsesTheOldHeadOnce() {
        clock.advance(java.time.Duration.ofMinutes(10));
        HttpResponse<String> response = patch("{\"canvas_data\": " + CANVAS.replace("\"x\": 300", "\"x\": 320") + "}");
        assertThat((Integer) read(response, "$.version_count")).as("an autosave was due").isEqualTo(2);
        assertThat(response.body()).contains("\"x\":320");
        verify(canvases, times(1)).validated(any(), any());
        verify(canvases, times(1)).parse(anyString()); // the head before, to compare and
                                                       // count deleted shapes
    }

    private HttpResponse<String> patch(String json) {
        HttpResponse<String> response = api.send(owner, "PATCH", "/api/diagrams/" + id, json, Map.of("If-Match", "*"));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return response;
    }

}
