package com.autograph.export.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;

import org.junit.jupiter.api.Test;

import com.autograph.document.DiagramDocument;
import com.autograph.document.ModelLimits;
import com.autograph.document.Shape;
import com.autograph.document.ShapeType;
import com.autograph.shared.error.ApiException;

/** The languages export-service renders are the ones diagram-service imports. */
class SourcesTest {

    private final Sources sources = new Sources(ModelLimits.DEFAULTS, Clock.systemUTC());

    @Test
    void everyImportFormatIsASourceLanguage() {
        assertThat(sources.languages()).contains("mermaid", "plantuml", "eraser", "structurizr", "d2", "drawio",
                "excalidraw", "tldraw");
    }

    @Test
    void aTldrawFileIsReadIntoTheDocumentItDraws() {
        String tldr = """
                {"tldrawFileFormatVersion": 1, "records": [
                  {"id": "page:p", "typeName": "page", "name": "Page 1", "index": "a1", "meta": {}},
                  {"id": "shape:box", "typeName": "shape", "type": "geo", "parentId": "page:p", "index": "a1",
                   "x": 10, "y": 20, "rotation": 0, "isLocked": false, "opacity": 1, "meta": {},
                   "props": {"geo": "rectangle", "w": 120, "h": 60, "text": "Box"}}]}
                """;
        DiagramDocument doc = sources.read("tldraw", tldr);
        Shape box = doc.shape("box").orElseThrow();
        assertThat(box.type()).isEqualTo(ShapeType.RECTANGLE);
        assertThat(box.text()).contains("Box");

        assertThatThrownBy(() -> sources.read("tldraw", "{\"records\": 1}")).isInstanceOfSatisfying(ApiException.class,
                e -> assertThat(e.getMessage()).contains("not a valid tldraw file"));
    }

}
