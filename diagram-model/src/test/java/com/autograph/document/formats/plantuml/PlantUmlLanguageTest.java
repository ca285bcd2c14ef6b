package com.autograph.document.formats.plantuml;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.autograph.document.Arrowhead;
import com.autograph.document.DiagramDocument;
import com.autograph.document.DocumentValidator;
import com.autograph.document.Endpoint;
import com.autograph.document.Shape;
import com.autograph.document.ShapeType;
import com.autograph.document.StrokeStyle;
import com.autograph.document.code.CodeError;
import com.autograph.document.code.ParseResult;

class PlantUmlLanguageTest {

    private final PlantUmlLanguage plantuml = new PlantUmlLanguage();

    static String resource(String path) {
        try (var in = PlantUmlLanguageTest.class.getResourceAsStream("/formats/" + path)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private ParseResult parse(String file) {
        ParseResult r = plantuml.parse(resource("plantuml/" + file));
        assertThat(DocumentValidator.validate(r.document())).isEmpty();
        return r;
    }

    private static String bag(Shape s, String key) {
        return s.unknownFields().get(PlantUmlLanguage.FIELD).path(key).asString(null);
    }

    @Test
    void sequenceDiagram() {
        ParseResult r = parse("checkout-sequence.puml");
        // The two activation lines don't map: reported, not dropped silently.
        assertThat(r.errors()).extracting(CodeError::line, CodeError::message)
            .containsExactly(
                    org.assertj.core.groups.Tuple.tuple(11,
                            "`activate` is not supported by the importer; the line was skipped"),
                    org.assertj.core.groups.Tuple.tuple(28,
                            "`deactivate` is not supported by the importer; the line was skipped"));
        DiagramDocument doc = r.document();
        assertThat(doc.shapes().subList(0, 5)).extracting(Shape::id)
            .containsExactly("Customer", "Web", "Orders", "DB", "Events");
        Shape web = doc.shape("Web").orElseThrow();
        assertThat(web.text()).contains("Web Shop");
        assertThat(web.style().fillColor()).contains("#dae8fc");
        assertThat(bag(doc.shape("Customer").orElseThrow(), "element")).isEqualTo("actor");
        assertThat(bag(doc.shape("DB").orElseThrow(), "element")).isEqualTo("database");

        Shape first = doc.shape("message#1").orElseThrow();
        assertThat(first.text()).contains("place order");
        assertThat(first.start().flatMap(Endpoint::shapeId)).contains("Customer");
        assertThat(first.end().flatMap(Endpoint::shapeId)).contains("Web");
        assertThat(first.endArrowhead()).isEqualTo(Arrowhead.TRIANGLE);
        Shape reply = doc.shape("message#4").orElseThrow();
        assertThat(reply.style().strokeStyle()).contains(StrokeStyle.DASHED);
        Shape async = doc.shape("message#5").orElseThrow();
        assertThat(async.endArrowhead()).isEqualTo(Arrowhead.ARROW);
        assertThat(async.parentId()).contains("fragment#1");

        Shape alt = doc.shape("fragment#1").orElseThrow();
        assertThat(alt.type()).isEqualTo(ShapeType.FRAME);
        assertThat(alt.text()).contains("payment accepted");
        assertThat(bag(alt, "fragment")).isEqualTo("alt");
        Shape declined = doc.shape("fragment#2").orElseThrow();
        assertThat(bag(declined, "fragment")).isEqualTo("else");
        assertThat(declined.parentId()).contains("fragment#1");
        assertThat(doc.children("fragment#2")).extracting(Shape::id).containsExactly("message#7", "note#1");
        assertThat(bag(doc.shape("fragment#3").orElseThrow(), "fragment")).isEqualTo("loop");
        Shape note = doc.shape("note#2").orElseThrow();
        assertThat(note.type()).isEqualTo(ShapeType.STICKY_NOTE);
        assertThat(note.text()).contains("Idempotency key\ntravels in a header");
        Shape back = doc.shape("message#9").orElseThrow();
        assertThat(back.startArrowhead()).isEqualTo(Arrowhead.TRIANGLE);
        assertThat(back.endArrowhead()).isEqualTo(Arrowhead.NONE);
    }

    @Test
    void classDiagram() {
        ParseResult r = parse("orders-class.puml");
        assertThat(r.errors()).isEmpty();
        DiagramDocument doc = r.document();
        assertThat(doc.shape("ordering").orElseThrow().type()).isEqualTo(ShapeType.FRAME);
        assertThat(doc.children("ordering")).extracting(Shape::id)
            .containsExactly("Entity", "Order", "OrderLine", "Status");
        Shape order = doc.shape("Order").orElseThrow();
        assertThat(order.text()).contains("Order\n- lines : List<OrderLine>\n- status : Status\n+ total() : Money");
        assertThat(bag(order, "stereotype")).isEqualTo("<<aggregate>>");
        assertThat(bag(doc.shape("Entity").orElseThrow(), "element")).isEqualTo("abstract class");
        assertThat(bag(doc.shape("Status").orElseThrow(), "element")).isEqualTo("enum");
        assertThat(bag(doc.shape("Repository").orElseThrow(), "element")).isEqualTo("interface");
        assertThat(doc.shape("JpaRepository").orElseThrow().text()).contains("JPA repository");
        // Mentioned only in a relation: declared implicitly as a class.
        assertThat(doc.shape("Customer")).isPresent();

        Shape inherits = doc.shape("link#1").orElseThrow();
        assertThat(inherits.startArrowhead()).isEqualTo(Arrowhead.TRIANGLE);
        assertThat(inherits.start().flatMap(Endpoint::shapeId)).contains("Entity");
        Shape contains = doc.shape("link#2").orElseThrow();
        assertThat(contains.text()).contains("contains");
        assertThat(contains.startArrowhead()).isEqualTo(Arrowhead.DIAMOND);
        assertThat(contains.start().orElseThrow().unknownFields().get("label").asString()).isEqualTo("1");
        assertThat(contains.end().orElseThrow().unknownFields().get("label").asString()).isEqualTo("many");
        assertThat(bag(doc.shape("link#3").orElseThrow(), "arrow")).isEqualTo("o--");
        Shape realises = doc.shape("link#4").orElseThrow();
        assertThat(realises.style().strokeStyle()).contains(StrokeStyle.DASHED);
        assertThat(realises.endArrowhead()).isEqualTo(Arrowhead.TRIANGLE);
    }

    @Test
    void componentDiagram() {
        ParseResult r = parse("platform-component.puml");
        assertThat(r.errors()).isEmpty();
        DiagramDocument doc = r.document();
        assertThat(doc.shape("Edge").orElseThrow().type()).isEqualTo(ShapeType.FRAME);
        assertThat(doc.children("Edge")).extracting(Shape::id).containsExactly("GW", "API");
        assertThat(doc.children("k8s")).extracting(Shape::id).containsExactly("Orders", "Payments", "DB");
        assertThat(doc.shape("k8s").orElseThrow().text()).contains("Kubernetes");
        assertThat(doc.shape("API").orElseThrow().type()).isEqualTo(ShapeType.ELLIPSE);
        assertThat(doc.shape("Webhooks").orElseThrow().type()).isEqualTo(ShapeType.ELLIPSE);
        assertThat(bag(doc.shape("DB").orElseThrow(), "element")).isEqualTo("database");
        assertThat(bag(doc.shape("Stripe").orElseThrow(), "element")).isEqualTo("cloud");
        assertThat(doc.shape("Payments").orElseThrow().text()).contains("Payments service");
        assertThat(doc.shape("link#1").orElseThrow().type()).isEqualTo(ShapeType.LINE);
        Shape routes = doc.shape("link#3").orElseThrow();
        assertThat(routes.style().strokeStyle()).contains(StrokeStyle.DASHED);
        assertThat(routes.end().flatMap(Endpoint::shapeId)).contains("Payments");
        assertThat(bag(doc.shape("link#5").orElseThrow(), "arrow")).isEqualTo("-up->");
        // Links may name components by their bracketed name.
        Shape events = doc.shape("link#7").orElseThrow();
        assertThat(events.start().flatMap(Endpoint::shapeId)).contains("Payments");
        assertThat(events.end().flatMap(Endpoint::shapeId)).contains("Orders");
    }

    @ParameterizedTest
    @ValueSource(strings = { "checkout-sequence.puml", "orders-class.puml", "platform-component.puml" })
    void parseRenderParseGivesTheSameDocument(String file) {
        DiagramDocument first = parse(file).document();
        String rendered = plantuml.render(first);
        ParseResult again = plantuml.parse(rendered);
        assertThat(again.errors()).as(rendered).isEmpty();
        assertThat(again.document().shapes()).as(rendered).containsExactlyElementsOf(first.shapes());
        assertThat(again.document()).isEqualTo(first);
        assertThat(plantuml.render(again.document())).isEqualTo(rendered);
    }

    @Test
    void everyConstructThatDoesNotMapIsReported() {
        ParseResult r = plantuml.parse(resource("plantuml/unsupported.puml"));
        assertThat(r.errors()).containsExactly(
                new CodeError(2, 1, "`autonumber` is not supported by the importer; the line was skipped", null),
                new CodeError(5, 1, "`activate` is not supported by the importer; the line was skipped", null),
                new CodeError(6, 3, "the arrow `->x` is not supported", "use ->, -->, ->>, -->>, <-, <-- or <->"),
                new CodeError(7, 1, "`skinparam` is not supported by the importer; the line was skipped", null),
                new CodeError(8, 1, "cannot read `A => B` as part of a sequence diagram", "did you mean `->`?"),
                new CodeError(9, 1, "`...` is not supported by the importer; the line was skipped", null),
                new CodeError(10, 1,
                        "`end` without an open `alt`, `loop`, `opt`, `par`, `break`, `critical` or `group`",
                        "remove it"));
        assertThat(r.document().shape("message#1").orElseThrow().text()).contains("hello");
    }

    @Test
    void structuralErrors() {
        assertThat(plantuml.parse("A -> B\n").errors()).extracting(CodeError::message)
            .containsExactly("the code does not start with `@startuml`");
        assertThat(plantuml.parse("@startuml\nA -> B\n").errors()).extracting(CodeError::message)
            .containsExactly("`@enduml` is missing");
        assertThat(plantuml.parse("@startuml\nalt x\nA -> B\n@enduml\n").errors())
            .containsExactly(new CodeError(2, 1, "`alt` is never closed", "add `end` after its last line"));
        assertThat(plantuml.parse("@startuml\nclass A {\n+x\n@enduml\n").errors()).extracting(CodeError::message)
            .containsExactly("the `{` of `A` is never closed");
    }

    @Test
    void aNameUsedForTwoKindsOfElementIsAnError() {
        ParseResult r = plantuml.parse("@startuml\npackage Orders {\n}\n[Orders]\n@enduml\n");
        assertThat(r.errors()).containsExactly(new CodeError(4, 1, "`Orders` is already declared as something else",
                "give one of them another name or an alias with `as`"));
        assertThat(DocumentValidator.validate(r.document())).isEmpty();
    }

    @Test
    void rendersDocumentsFromOtherSources() {
        DiagramDocument doc = DiagramDocument
            .of(List.of(Shape.frame("vpc", "VPC").build(), Shape.rectangle("api").text("API").parentId("vpc").build(),
                    Shape.ellipse("db").text("Orders DB").build(), Shape.arrow("e", "api", "db").text("SQL").build(),
                    Shape.arrow("free", Endpoint.at(0, 0), Endpoint.boundTo("db")).build()));
        String code = plantuml.render(doc);
        assertThat(code).isEqualTo("""
                @startuml
                package "VPC" as vpc {
                  [API] as api
                }
                () "Orders DB" as db
                api --> db : SQL
                ' not expressible in PlantUML: free
                @enduml
                """);
        ParseResult back = plantuml.parse(code);
        assertThat(back.errors()).isEmpty();
        assertThat(back.document().shape("api").orElseThrow().parentId()).contains("vpc");
        assertThat(back.document().shape("db").orElseThrow().type()).isEqualTo(ShapeType.ELLIPSE);
    }

}
