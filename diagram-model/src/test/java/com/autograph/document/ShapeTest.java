package com.autograph.document;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;

import tools.jackson.databind.node.JsonNodeFactory;

class ShapeTest {

    @Test
    void builderWritesExactlyWhatWasSet() {
        Shape api = Shape.rectangle("api").at(0, 0).size(160, 60).text("API").build();

        assertThat(api).hasToString(
                "{\"id\":\"api\",\"type\":\"rectangle\",\"x\":0,\"y\":0,\"width\":160,\"height\":60,\"text\":\"API\"}");
    }

    @Test
    void builtShapesEqualReadOnesWithTheSameJson() {
        Shape built = Shape.ellipse("db")
            .at(10.5, -3)
            .size(100, 0.25)
            .rotation(45)
            .zIndex(2)
            .style(Style.builder().opacity(0.5).fontWeight(700).build())
            .build();

        Shape read = DocumentCodec
            .read("{\"schema_version\":1,\"shapes\":[{\"id\":\"db\",\"type\":\"ellipse\","
                    + "\"x\":10.5,\"y\":-3,\"width\":100,\"height\":0.25,\"rotation\":45,\"z_index\":2,"
                    + "\"style\":{\"opacity\":0.5,\"font_weight\":\"bold\"}}]}")
            .shapes()
            .getFirst();

        assertThat(built).isEqualTo(read).hasSameHashCodeAs(read);
    }

    @Test
    void everyFieldCanBeSetAndReadBack() {
        Shape s = Shape.builder(ShapeType.ARROW, "e")
            .at(1, 2)
            .size(3, 4)
            .rotation(-90)
            .zIndex(-7)
            .locked(true)
            .hidden(true)
            .collapsed(true)
            .text("calls")
            .icon("http")
            .parentId("g")
            .src("https://example.org/x.svg")
            .start(Endpoint.boundTo("a"))
            .end(Endpoint.at(50, 60))
            .points(List.of(new Point(10, 20), new Point(30, 40)))
            .routing(Routing.CURVED)
            .startArrowhead(Arrowhead.DIAMOND)
            .endArrowhead(Arrowhead.ZERO_OR_MANY)
            .build();

        assertThat(s.type()).isEqualTo(ShapeType.ARROW);
        assertThat(List.of(s.x(), s.y(), s.width(), s.height(), s.rotation())).containsExactly(1d, 2d, 3d, 4d, -90d);
        assertThat(s.zIndex()).isEqualTo(-7);
        assertThat(s.locked()).isTrue();
        assertThat(s.hidden()).isTrue();
        assertThat(s.collapsed()).isTrue();
        assertThat(s.text()).contains("calls");
        assertThat(s.icon()).contains("http");
        assertThat(s.parentId()).contains("g");
        assertThat(s.src()).contains("https://example.org/x.svg");
        assertThat(s.start().flatMap(Endpoint::shapeId)).contains("a");
        assertThat(s.end().flatMap(Endpoint::point)).contains(new Point(50, 60));
        assertThat(s.points()).containsExactly(new Point(10, 20), new Point(30, 40));
        assertThat(s.routing()).isEqualTo(Routing.CURVED);
        assertThat(s.startArrowhead()).isEqualTo(Arrowhead.DIAMOND);
        assertThat(s.endArrowhead()).isEqualTo(Arrowhead.ZERO_OR_MANY);
        assertThat(s.hasPosition()).isTrue();
        assertThat(s.hasSize()).isTrue();
    }

    @Test
    void absentFieldsReadAsTheirDefaults() {
        Shape s = Shape.rectangle("a").build();

        assertThat(List.of(s.x(), s.y(), s.width(), s.height(), s.rotation())).containsOnly(0d);
        assertThat(s.zIndex()).isZero();
        assertThat(s.locked() || s.hidden() || s.collapsed()).isFalse();
        assertThat(s.text()).isEmpty();
        assertThat(s.icon()).isEmpty();
        assertThat(s.parentId()).isEmpty();
        assertThat(s.src()).isEmpty();
        assertThat(s.start()).isEmpty();
        assertThat(s.points()).isEmpty();
        assertThat(s.style()).isSameAs(Style.EMPTY);
        assertThat(s.routing()).isEqualTo(Routing.STRAIGHT);
        assertThat(s.hasPosition()).isFalse();
        assertThat(s.hasSize()).isFalse();
        assertThat(s.unknownFields()).isEmpty();
        assertThat(s).hasToString("{\"id\":\"a\",\"type\":\"rectangle\"}");
    }

    @Test
    void arrowsHaveAnArrowheadAtTheEndByDefaultLinesNone() {
        Shape arrow = Shape.arrow("e", "a", "b").build();
        Shape line = Shape.line("l", "a", "b").build();

        assertThat(arrow.startArrowhead()).isEqualTo(Arrowhead.NONE);
        assertThat(arrow.endArrowhead()).isEqualTo(Arrowhead.ARROW);
        assertThat(line.endArrowhead()).isEqualTo(Arrowhead.NONE);
        assertThat(arrow).hasToString(
                "{\"id\":\"e\",\"type\":\"arrow\",\"start\":{\"shape_id\":\"a\"},\"end\":{\"shape_id\":\"b\"}}");
    }

    @Test
    void factoriesSetTypeAndTheFieldsTheTypeNeeds() {
        List<Point> path = List.of(new Point(0, 0), new Point(1, 1));

        assertThat(List.of(Shape.rectangle("a").build(), Shape.ellipse("a").build(), Shape.diamond("a").build(),
                Shape.text("a", "hi").build(), Shape.stickyNote("a").build(),
                Shape.arrow("a", Endpoint.at(0, 0), Endpoint.at(1, 1)).build(),
                Shape.line("a", Endpoint.at(0, 0), Endpoint.at(1, 1)).build(), Shape.freehand("a", path).build(),
                Shape.frame("a", "VPC").build(), Shape.group("a").build(), Shape.icon("a", "aws-s3").build(),
                Shape.image("a", "data:image/png;base64,AAAA").build()))
            .extracting(Shape::type)
            .containsExactly(ShapeType.values());
        assertThat(Shape.text("t", "hi").build().text()).contains("hi");
        assertThat(Shape.frame("f", "VPC").build().text()).contains("VPC");
        assertThat(Shape.icon("i", "aws-s3").build().icon()).contains("aws-s3");
        assertThat(Shape.image("i", "x.png").build().src()).contains("x.png");
        assertThat(Shape.freehand("p", path).build().points()).isEqualTo(path);
        assertThat(Shape.line("l", Endpoint.at(0, 0), Endpoint.at(1, 1)).build().start().flatMap(Endpoint::point))
            .contains(new Point(0, 0));
    }

    @Test
    void withersReturnChangedCopies() {
        Shape original = Shape.rectangle("a").text("A").build();

        Shape moved = original.withPosition(5, 6)
            .withSize(7, 8)
            .withText("B")
            .withParentId("g")
            .withStyle(Style.builder().strokeColor("#000").build());

        assertThat(original).hasToString("{\"id\":\"a\",\"type\":\"rectangle\",\"text\":\"A\"}");
        assertThat(moved).hasToString("{\"id\":\"a\",\"type\":\"rectangle\",\"text\":\"B\",\"x\":5,\"y\":6,"
                + "\"width\":7,\"height\":8,\"parent_id\":\"g\",\"style\":{\"stroke_color\":\"#000\"}}");
        assertThat(moved.withText(null).withParentId(null).text()).isEmpty();
    }

    @Test
    void aBuilderCanGoOnAfterBuildWithoutChangingWhatItBuilt() {
        Shape.Builder builder = Shape.rectangle("a").text("first");
        Shape first = builder.build();

        Shape second = builder.text("second").id("b").build();

        assertThat(first.text()).contains("first");
        assertThat(first.id()).isEqualTo("a");
        assertThat(second.id()).isEqualTo("b");
    }

    @Test
    void unknownFieldsCanBeSetAndRemovedButNotUnderKnownNames() {
        Shape s = Shape.rectangle("a")
            .unknownField("shadow", JsonNodeFactory.instance.objectNode().put("blur", 4))
            .unknownField("gone", JsonNodeFactory.instance.booleanNode(true))
            .unknownField("gone", null)
            .build();

        assertThat(s.unknownFields()).containsOnlyKeys("shadow");
        assertThatThrownBy(() -> Shape.rectangle("a").unknownField("x", JsonNodeFactory.instance.numberNode(1)))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("\"x\" is a known field");
    }

    @Test
    void unknownFieldsHandedOutAreCopies() {
        Shape s = Shape.rectangle("a").unknownField("meta", JsonNodeFactory.instance.objectNode().put("k", 1)).build();

        ((tools.jackson.databind.node.ObjectNode) s.unknownFields().get("meta")).put("k", 2);

        assertThat(s.unknownFields().get("meta").get("k").intValue()).isEqualTo(1);
    }

    @Test
    void removeDropsAnyFieldButIdAndType() {
        Shape s = Shape.rectangle("a")
            .at(1, 2)
            .text("t")
            .unknownField("u", JsonNodeFactory.instance.nullNode())
            .remove("x")
            .remove("u")
            .remove("text")
            .build();

        assertThat(s).hasToString("{\"id\":\"a\",\"type\":\"rectangle\",\"y\":2}");
        assertThatThrownBy(() -> Shape.rectangle("a").remove("id")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Shape.rectangle("a").remove("type")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void buildersRefuseWhatJsonCannotHold() {
        assertThatThrownBy(() -> Shape.rectangle("a").at(Double.NaN, 0)).isInstanceOf(IllegalArgumentException.class)
            .hasMessage("x must be a finite number, was NaN");
        assertThatThrownBy(() -> Shape.rectangle("a").size(1, Double.POSITIVE_INFINITY))
            .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Point(0, Double.NEGATIVE_INFINITY)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Shape.rectangle(null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> Shape.builder(null, "a")).isInstanceOf(NullPointerException.class);
    }

    @Test
    void numbersAreWrittenInTheirShortestExactForm() {
        Shape s = Shape.rectangle("a").at(3.0, 0.1).size(5_000_000_000d, 1e-7).build();

        assertThat(s).hasToString(
                "{\"id\":\"a\",\"type\":\"rectangle\",\"x\":3,\"y\":0.1,\"width\":5000000000,\"height\":1.0E-7}");
        assertThat(s.height()).isEqualTo(1e-7);
    }

    @Test
    void endpointsAreBoundOrFree() {
        Endpoint bound = Endpoint.boundTo("db").withUnknownField("gap", JsonNodeFactory.instance.numberNode(4));
        Endpoint free = Endpoint.at(new Point(1.5, -2));

        assertThat(bound.isBound()).isTrue();
        assertThat(bound.shapeId()).contains("db");
        assertThat(bound.point()).isEmpty();
        assertThat(bound.unknownFields()).containsOnlyKeys("gap");
        assertThat(bound).hasToString("{\"shape_id\":\"db\",\"gap\":4}");
        assertThat(free.isBound()).isFalse();
        assertThat(free.shapeId()).isEmpty();
        assertThat(free.point()).contains(new Point(1.5, -2));
        assertThat(free).isEqualTo(Endpoint.at(1.5, -2)).hasSameHashCodeAs(Endpoint.at(1.5, -2));
        assertThat(bound.withUnknownField("gap", null)).isEqualTo(Endpoint.boundTo("db"));
    }

}
