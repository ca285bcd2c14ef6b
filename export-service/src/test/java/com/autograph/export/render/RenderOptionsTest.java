package com.autograph.export.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RenderOptionsTest {

    @Test
    void absentParametersKeepTheDefaults() {
        assertThat(RenderOptions.fromParameters(Map.of())).isEqualTo(RenderOptions.DEFAULTS);
        assertThat(RenderOptions.fromParameters(Map.of("version", "3", "other", "x")))
            .isEqualTo(RenderOptions.DEFAULTS);
    }

    @Test
    void everyParameterIsRead() {
        RenderOptions o = RenderOptions.fromParameters(Map.of("shapes", "a, b,a", "padding", "4", "background", "#ABC",
                "scale", "2x", "page", "A4", "tiled", "true", "hand_drawn", "yes"));
        assertThat(o.shapeIds()).containsExactly("a", "b");
        assertThat(o.padding()).isEqualTo(4);
        assertThat(o.background()).isEqualTo(new Background("#aabbcc"));
        assertThat(o.scale()).isEqualTo(2);
        assertThat(o.pageSize()).isEqualTo(PageSize.A4);
        assertThat(o.tiled()).isTrue();
        assertThat(o.handDrawn()).isTrue();
        assertThat(RenderOptions.fromParameters(Map.of("frame", "f1", "background", "transparent")))
            .extracting(RenderOptions::frameId, RenderOptions::background)
            .containsExactly("f1", Background.TRANSPARENT);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|',
            value = { "scale|3", "scale|0", "scale|x", "scale|1e9", "padding|-1", "padding|1001", "padding|NaN",
                    "padding|Infinity", "padding|ten", "background|red", "background|#12345",
                    "background|url(javascript:alert(1))", "page|a3", "tiled|maybe", "hand_drawn|2" })
    void aWrongValueIsRefusedNamingItsOption(String option, String value) {
        assertThatThrownBy(() -> RenderOptions.fromParameters(Map.of(option, value)))
            .isInstanceOfSatisfying(InvalidRenderOptionException.class, e -> {
                assertThat(e.option()).isEqualTo(option);
                assertThat(e.status().value()).isEqualTo(400);
                assertThat(e.getMessage()).contains(option);
            });
    }

    @Test
    void combinationsThatMeanNothingAreRefused() {
        assertThatThrownBy(() -> RenderOptions.fromParameters(Map.of("tiled", "true")))
            .isInstanceOfSatisfying(InvalidRenderOptionException.class, e -> assertThat(e.option()).isEqualTo("tiled"));
        assertThatThrownBy(() -> RenderOptions.fromParameters(Map.of("frame", "f", "shapes", "a")))
            .isInstanceOfSatisfying(InvalidRenderOptionException.class, e -> assertThat(e.option()).isEqualTo("frame"));
    }

    @Test
    void selectionsAreBounded() {
        String tooMany = String.join(",", java.util.Collections.nCopies(RenderOptions.MAX_SHAPE_IDS + 1, "a"))
            .replace("a", "x");
        List<String> ids = java.util.stream.IntStream.rangeClosed(0, RenderOptions.MAX_SHAPE_IDS)
            .mapToObj(i -> "s" + i)
            .toList();
        assertThatThrownBy(() -> RenderOptions.DEFAULTS.withShapeIds(ids)).isInstanceOfSatisfying(
                InvalidRenderOptionException.class, e -> assertThat(e.option()).isEqualTo("shapes"));
        assertThatThrownBy(() -> RenderOptions.fromParameters(Map.of("shapes", tooMany))).isInstanceOfSatisfying(
                InvalidRenderOptionException.class, e -> assertThat(e.option()).isEqualTo("shapes"));
        assertThatThrownBy(() -> RenderOptions.fromParameters(Map.of("shapes", "a,,b"))).isInstanceOfSatisfying(
                InvalidRenderOptionException.class, e -> assertThat(e.option()).isEqualTo("shapes"));
    }

    @Test
    void formatsAreFoundByTheirUrlName() {
        assertThat(ExportFormat.of("PNG")).isEqualTo(ExportFormat.PNG);
        assertThat(ExportFormat.of("markdown")).isEqualTo(ExportFormat.MARKDOWN);
        assertThat(ExportFormat.PDF.mediaType()).isEqualTo("application/pdf");
        assertThatThrownBy(() -> ExportFormat.of("gif")).isInstanceOfSatisfying(InvalidRenderOptionException.class,
                e -> assertThat(e.option()).isEqualTo("format"));
    }

    @Test
    void everyFormatHasARenderer() {
        Renderers renderers = new Renderers(RenderLimits.DEFAULTS);
        for (ExportFormat f : ExportFormat.values()) {
            assertThat(renderers.get(f).format()).isEqualTo(f);
        }
    }

}
