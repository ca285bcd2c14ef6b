package com.autograph.document;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import tools.jackson.databind.node.JsonNodeFactory;

class StyleTest {

    @Test
    void accessorsSayWhatTheDocumentSays() {
        Style style = Style.builder()
            .strokeColor("#1971c2")
            .fillColor("transparent")
            .fillStyle(FillStyle.HACHURE)
            .strokeStyle(StrokeStyle.DOTTED)
            .strokeWidth(1.5)
            .opacity(0.4)
            .cornerRadius(6)
            .fontFamily("Inter")
            .fontSize(13)
            .fontWeight(600)
            .textAlign(TextAlign.RIGHT)
            .textColor("#000")
            .build();

        assertThat(style.strokeColor()).contains("#1971c2");
        assertThat(style.fillColor()).contains("transparent");
        assertThat(style.fillStyle()).contains(FillStyle.HACHURE);
        assertThat(style.strokeStyle()).contains(StrokeStyle.DOTTED);
        assertThat(style.strokeWidth()).hasValue(1.5);
        assertThat(style.opacity()).hasValue(0.4);
        assertThat(style.cornerRadius()).hasValue(6);
        assertThat(style.fontFamily()).contains("Inter");
        assertThat(style.fontSize()).hasValue(13);
        assertThat(style.fontWeight()).hasValue(600);
        assertThat(style.textAlign()).contains(TextAlign.RIGHT);
        assertThat(style.textColor()).contains("#000");
        assertThat(style).hasToString("{\"stroke_color\":\"#1971c2\",\"fill_color\":\"transparent\","
                + "\"fill_style\":\"hachure\",\"stroke_style\":\"dotted\",\"stroke_width\":1.5,\"opacity\":0.4,"
                + "\"corner_radius\":6,\"font_family\":\"Inter\",\"font_size\":13,\"font_weight\":600,"
                + "\"text_align\":\"right\",\"text_color\":\"#000\"}");
    }

    @Test
    void emptyStyleResolvesToTheDocumentedDefaults() {
        assertThat(Style.EMPTY.isEmpty()).isTrue();
        assertThat(Style.EMPTY.strokeWidth()).isEmpty();
        assertThat(Style.EMPTY.resolve()).isEqualTo(new ResolvedStyle("#1e1e1e", "transparent", FillStyle.SOLID,
                StrokeStyle.SOLID, 2, 1, 0, "sans-serif", 16, 400, TextAlign.CENTER, "#1e1e1e"));
    }

    @Test
    void resolveTakesSetPropertiesAndFillsTheRestFromTheGivenDefaults() {
        ResolvedStyle dark = new ResolvedStyle("#e9ecef", "#1e1e1e", FillStyle.SOLID, StrokeStyle.SOLID, 1, 1, 4,
                "Inter", 14, 400, TextAlign.LEFT, "#ffffff");

        ResolvedStyle resolved = Style.builder().strokeColor("#ff0000").fontSize(20).build().resolve(dark);

        assertThat(resolved).isEqualTo(new ResolvedStyle("#ff0000", "#1e1e1e", FillStyle.SOLID, StrokeStyle.SOLID, 1, 1,
                4, "Inter", 20, 400, TextAlign.LEFT, "#ffffff"));
    }

    @Test
    void fontWeightNamesAreNormalAndBold() {
        assertThat(Style.builder().fontWeight(400).build()).hasToString("{\"font_weight\":\"normal\"}");
        assertThat(Style.builder().fontWeight(700).build()).hasToString("{\"font_weight\":\"bold\"}");
        assertThat(Style.builder().fontWeight(300).build()).hasToString("{\"font_weight\":300}");
        assertThat(Style.builder().fontWeight(700).build().fontWeight()).hasValue(700);
        assertThat(Style.builder().fontWeight(400).build().resolve().fontWeight()).isEqualTo(400);
    }

    @Test
    void nullAndRemoveUnsetProperties() {
        Style style = Style.builder()
            .strokeColor("#000")
            .strokeWidth(3)
            .fillStyle(FillStyle.NONE)
            .unknownField("blend", JsonNodeFactory.instance.stringNode("multiply"))
            .build();

        Style cleared = style.toBuilder().strokeColor(null).fillStyle(null).remove("stroke_width").build();

        assertThat(cleared.unknownFields()).containsOnlyKeys("blend");
        assertThat(cleared).hasToString("{\"blend\":\"multiply\"}");
        assertThat(style.strokeWidth()).hasValue(3);
    }

    @Test
    void equalWhenTheJsonIs() {
        Style a = Style.builder().opacity(0.5).strokeColor("#000").build();
        Style b = Style.builder().strokeColor("#000").opacity(0.5).build();

        assertThat(a).isEqualTo(b).hasSameHashCodeAs(b).isNotEqualTo(Style.EMPTY);
    }

}
