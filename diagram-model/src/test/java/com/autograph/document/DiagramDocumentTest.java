package com.autograph.document;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;

import tools.jackson.databind.node.JsonNodeFactory;

class DiagramDocumentTest {

    private final DiagramDocument doc = DiagramDocument.of(List.of(
            Shape.frame("vpc", "VPC").at(0, 0).size(800, 600).build(), Shape.group("svc").parentId("vpc").build(),
            Shape.rectangle("api").parentId("svc").zIndex(2).build(), Shape.ellipse("db").parentId("svc").build(),
            Shape.rectangle("cdn").parentId("vpc").zIndex(-1).build(), Shape.arrow("e1", "api", "db").build(),
            Shape.line("e2", "cdn", "api").build(), Shape.arrow("e3", Endpoint.at(0, 0), Endpoint.at(5, 5)).build()));

    @Test
    void findsShapesById() {
        assertThat(doc.shape("db")).map(Shape::type).contains(ShapeType.ELLIPSE);
        assertThat(doc.shape("nope")).isEmpty();
    }

    @Test
    void childrenAreDirectOnesInListOrder() {
        assertThat(doc.children("vpc")).extracting(Shape::id).containsExactly("svc", "cdn");
        assertThat(doc.children("svc")).extracting(Shape::id).containsExactly("api", "db");
        assertThat(doc.children("api")).isEmpty();
    }

    @Test
    void connectorsAreArrowsAndLines() {
        assertThat(doc.connectors()).extracting(Shape::id).containsExactly("e1", "e2", "e3");
        assertThat(doc.connectorsOf("api")).extracting(Shape::id).containsExactly("e1", "e2");
        assertThat(doc.connectorsOf("db")).extracting(Shape::id).containsExactly("e1");
        assertThat(doc.connectorsOf("vpc")).isEmpty();
    }

    @Test
    void paintOrderSortsByZIndexAndKeepsListOrderOtherwise() {
        assertThat(doc.inPaintOrder()).extracting(Shape::id)
            .containsExactly("cdn", "vpc", "svc", "db", "e1", "e2", "e3", "api");
    }

    @Test
    void withShapeReplacesInPlaceOrAppends() {
        DiagramDocument renamed = doc.withShape(doc.shape("db").orElseThrow().withText("Postgres"));
        DiagramDocument added = doc.withShape(Shape.stickyNote("note").build());

        assertThat(renamed.shapes()).extracting(Shape::id).isEqualTo(doc.shapes().stream().map(Shape::id).toList());
        assertThat(renamed.shape("db").orElseThrow().text()).contains("Postgres");
        assertThat(added.shapes().getLast().id()).isEqualTo("note");
        assertThat(doc.shape("db").orElseThrow().text()).isEmpty();
        assertThat(doc.shapes()).hasSize(8);
    }

    @Test
    void withoutShapeLeavesReferencesForTheValidatorToReport() {
        DiagramDocument without = doc.withoutShape("db");

        assertThat(without.shape("db")).isEmpty();
        assertThat(without.shapes()).hasSize(7);
        assertThat(doc.withoutShape("nope")).isSameAs(doc);
        assertThat(DocumentValidator.validate(without)).extracting(ValidationError::path)
            .containsExactly("$.shapes[4].end.shape_id");
    }

    @Test
    void shapesListIsUnmodifiable() {
        assertThatThrownBy(() -> doc.shapes().clear()).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> doc.children("vpc").clear()).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void idsMustBeUnique() {
        List<Shape> twice = List.of(Shape.rectangle("a").build(), Shape.ellipse("a").build());

        assertThatThrownBy(() -> DiagramDocument.of(twice)).isInstanceOf(IllegalArgumentException.class)
            .hasMessage("two shapes have the id \"a\"");
    }

    @Test
    void backgroundDefaultsToWhiteAndIsOnlyWrittenWhenSet() {
        assertThat(DiagramDocument.empty().background()).isEqualTo("#ffffff");
        assertThat(DocumentCodec.write(DiagramDocument.empty())).isEqualTo("{\"schema_version\":1,\"shapes\":[]}");
        DiagramDocument dark = DiagramDocument.empty().withBackground("#000000");
        assertThat(DocumentCodec.write(dark))
            .isEqualTo("{\"schema_version\":1,\"shapes\":[],\"background\":\"#000000\"}");
        assertThat(dark.withBackground(null)).isEqualTo(DiagramDocument.empty());
    }

    @Test
    void unknownRootFieldsCanBeSetButNotUnderKnownNames() {
        DiagramDocument withTheme = doc.withUnknownField("theme", JsonNodeFactory.instance.stringNode("dark"));

        assertThat(withTheme.unknownFields()).containsOnlyKeys("theme");
        assertThat(withTheme.withUnknownField("theme", null)).isEqualTo(doc);
        assertThatThrownBy(() -> doc.withUnknownField("shapes", JsonNodeFactory.instance.arrayNode()))
            .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aBuiltDocumentIsValidAndSurvivesTheCodec() {
        assertThat(DocumentValidator.validate(doc)).isEmpty();
        assertThat(DocumentCodec.read(DocumentCodec.write(doc))).isEqualTo(doc).hasSameHashCodeAs(doc);
        assertThat(doc.schemaVersion()).isEqualTo(DiagramDocument.SCHEMA_VERSION);
        assertThat(doc).hasToString("DiagramDocument[schema_version=1, shapes=8, background=#ffffff]");
    }

}
