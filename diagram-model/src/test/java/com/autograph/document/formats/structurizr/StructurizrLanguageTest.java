package com.autograph.document.formats.structurizr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.groups.Tuple.tuple;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.autograph.document.DiagramDocument;
import com.autograph.document.DocumentValidator;
import com.autograph.document.Endpoint;
import com.autograph.document.LimitExceededException;
import com.autograph.document.ModelLimits;
import com.autograph.document.Shape;
import com.autograph.document.ShapeType;
import com.autograph.document.StrokeStyle;
import com.autograph.document.code.CodeError;
import com.autograph.document.code.DiagramLanguages;
import com.autograph.document.code.ParseResult;
import com.autograph.document.layout.DiagramLayout;
import com.autograph.document.layout.LayoutOptions;

class StructurizrLanguageTest {

    private final StructurizrLanguage dsl = new StructurizrLanguage();

    static String resource(String path) {
        try (var in = StructurizrLanguageTest.class.getResourceAsStream("/formats/" + path)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private ParseResult parse(String file) {
        ParseResult r = dsl.parse(resource("structurizr/" + file));
        assertThat(DocumentValidator.validate(r.document())).isEmpty();
        return r;
    }

    private static Shape shape(DiagramDocument doc, String id) {
        return doc.shape(id).orElseThrow(() -> new AssertionError("no shape " + id + " in " + doc.shapes()));
    }

    private static String bag(Shape s, String key) {
        return s.unknownFields().get(StructurizrLanguage.FIELD).path(key).asString(null);
    }

    @Test
    void theWholeModelBecomesBoundariesBoxesAndArrows() {
        ParseResult r = parse("big-bank.dsl");
        assertThat(r.errors()).isEmpty();
        DiagramDocument doc = r.document();

        Shape customer = shape(doc, "customer");
        assertThat(customer.type()).isEqualTo(ShapeType.RECTANGLE);
        assertThat(customer.text())
            .contains("Personal Banking Customer\n[Person]\nA customer of the bank, with personal bank accounts.");
        assertThat(bag(customer, "element")).isEqualTo("person");

        // A group is a dashed frame; what it holds names it as parent.
        Shape group = shape(doc, "group-big-bank-plc");
        assertThat(group.type()).isEqualTo(ShapeType.FRAME);
        assertThat(group.text()).contains("Big Bank plc");
        assertThat(group.style().strokeStyle()).contains(StrokeStyle.DASHED);
        assertThat(doc.children("group-big-bank-plc")).extracting(Shape::id)
            .containsExactly("supportStaff", "mainframe", "email", "internetBanking");

        // A software system with containers is their boundary; identifiers are
        // hierarchical.
        Shape system = shape(doc, "internetBanking");
        assertThat(system.type()).isEqualTo(ShapeType.FRAME);
        assertThat(system.text()).contains("Internet Banking System\n[Software System]");
        assertThat(doc.children("internetBanking")).extracting(Shape::id)
            .containsExactly("internetBanking.webApp", "internetBanking.spa", "internetBanking.api",
                    "internetBanking.database");
        Shape web = shape(doc, "internetBanking.webApp");
        assertThat(web.text()).contains(
                "Web Application\n[Container: Java and Spring MVC]\nDelivers the static content and the single page application.");
        assertThat(bag(web, "technology")).isEqualTo("Java and Spring MVC");
        Shape signin = shape(doc, "internetBanking.api.signin");
        assertThat(signin.parentId()).contains("internetBanking.api");
        assertThat(signin.text())
            .contains("Sign In Controller\n[Component: Spring MVC Rest Controller]\nAllows users to sign in.");

        // Tags from the element's arguments and from its block.
        Shape database = shape(doc, "internetBanking.database");
        assertThat(database.unknownFields().get(StructurizrLanguage.FIELD).path("tags").get(0).asString())
            .isEqualTo("Database");
        assertThat(shape(doc, "internetBanking.spa").unknownFields()
            .get(StructurizrLanguage.FIELD)
            .path("tags")
            .get(0)
            .asString()).isEqualTo("Web Browser");
    }

    @Test
    void relationshipsResolveWithinTheirBlockAndCarryDescriptionAndTechnology() {
        DiagramDocument doc = parse("big-bank.dsl").document();
        List<Shape> arrows = doc.connectors();
        assertThat(arrows)
            .extracting(s -> s.start().flatMap(Endpoint::shapeId).orElseThrow() + " -> "
                    + s.end().flatMap(Endpoint::shapeId).orElseThrow())
            .containsExactly("internetBanking.api.signin -> internetBanking.api.security",
                    "internetBanking.api.accounts -> mainframe", "internetBanking.webApp -> internetBanking.spa",
                    "internetBanking.spa -> internetBanking.api.signin",
                    "internetBanking.api.security -> internetBanking.database", "customer -> internetBanking",
                    "internetBanking -> mainframe", "email -> customer", "customer -> supportStaff");
        Shape calls = arrows.get(1);
        assertThat(calls.id()).isEqualTo("rel-2");
        assertThat(calls.type()).isEqualTo(ShapeType.ARROW);
        assertThat(calls.text()).contains("Makes API calls to\n[XML/HTTPS]");
        // A relationship style ("Async") applies through the tag in its block.
        Shape async = arrows.get(7);
        assertThat(async.style().strokeStyle()).contains(StrokeStyle.DASHED);
        assertThat(async.style().strokeWidth().getAsDouble()).isEqualTo(3);
    }

    @Test
    void elementStylesApplyByTagInOrder() {
        DiagramDocument doc = parse("big-bank.dsl").document();
        Shape customer = shape(doc, "customer");
        assertThat(customer.style().fillColor()).contains("#08427b");
        assertThat(customer.style().textColor()).contains("#ffffff");
        assertThat(customer.style().fontSize().getAsDouble()).isEqualTo(22);
        // "Existing System" comes after "Software System": it wins.
        assertThat(shape(doc, "mainframe").style().fillColor()).contains("#999999");
        assertThat(shape(doc, "internetBanking.webApp").style().fillColor()).contains("#438dd5");
        Shape component = shape(doc, "internetBanking.api.security");
        assertThat(component.style().fillColor()).contains("#85bbf0");
        assertThat(component.style().cornerRadius().getAsDouble()).isEqualTo(10);
    }

    @Test
    void deploymentEnvironmentsNodesAndInstances() {
        DiagramDocument doc = parse("big-bank.dsl").document();
        Shape live = shape(doc, "live");
        assertThat(live.type()).isEqualTo(ShapeType.FRAME);
        assertThat(live.text()).contains("Live");
        Shape dataCentre = doc.children("live").getFirst();
        assertThat(dataCentre.type()).isEqualTo(ShapeType.FRAME);
        assertThat(dataCentre.text()).contains("Big Bank plc\n[Deployment Node: Big Bank plc data center]");
        Shape node = shape(doc, "live.big-bank-plc.dc");
        assertThat(node.unknownFields().get(StructurizrLanguage.FIELD).path("lines").get(0).asString())
            .isEqualTo("instances \"8\"");
        // Hierarchical identifiers nest in deployment nodes too.
        Shape instance = shape(doc, "live.big-bank-plc.dc.apiInstance");
        assertThat(instance.parentId()).contains("live.big-bank-plc.dc");
        assertThat(instance.text()).contains("API Application\n[Container: Java and Spring MVC]");
        assertThat(bag(instance, "instance_of")).isEqualTo("internetBanking.api");
    }

    @Test
    void viewsAndConfigurationAreKeptAsWritten() {
        DiagramDocument doc = parse("big-bank.dsl").document();
        var field = doc.unknownFields().get(StructurizrLanguage.FIELD);
        assertThat(field.path("name").asString()).isEqualTo("Big Bank plc");
        assertThat(field.path("identifiers").asString()).isEqualTo("hierarchical");
        assertThat(field.path("views").get(0).asString())
            .isEqualTo("systemContext internetBanking \"SystemContext\" {");
        assertThat(field.path("views").get(1).asString()).isEqualTo("include *");
        assertThat(field.path("configuration").get(0).asString()).isEqualTo("scope softwaresystem");
    }

    @Test
    void impliedSourcesUnnamedElementsAndFlatIdentifiers() {
        ParseResult r = parse("implied.dsl");
        assertThat(r.errors()).isEmpty();
        DiagramDocument doc = r.document();
        assertThat(doc.shapes()).extracting(Shape::id)
            .containsExactly("a", "b", "c", "unnamed-one", "group-edge", "gateway", "rel-1", "rel-2");
        Shape calls = shape(doc, "rel-1");
        assertThat(calls.start().flatMap(Endpoint::shapeId)).contains("a");
        assertThat(calls.end().flatMap(Endpoint::shapeId)).contains("b");
        assertThat(calls.text()).contains("Calls\n[gRPC]");
        Shape self = shape(doc, "rel-2");
        assertThat(self.start().flatMap(Endpoint::shapeId)).contains("a");
        assertThat(self.end().flatMap(Endpoint::shapeId)).contains("c");
        assertThat(self.text()).isEmpty();
        assertThat(shape(doc, "c").unknownFields().get(StructurizrLanguage.FIELD).path("tags"))
            .extracting(n -> n.asString())
            .containsExactly("Internal", "Legacy");
        assertThat(shape(doc, "gateway").parentId()).contains("group-edge");
        // A line goes on after a backslash; kept lines are kept as one.
        assertThat(shape(doc, "b").text()).contains("Beta\n[Software System]");
        assertThat(doc.unknownFields().get(StructurizrLanguage.FIELD).path("views").get(1).asString())
            .isEqualTo("include a b c");
    }

    @Test
    void mistakesAreErrorsAtTheirLineAndColumnAndTheRestIsRead() {
        String code = resource("structurizr/errors.dsl");
        ParseResult r = dsl.parse(code);
        assertThat(r.errors()).extracting(CodeError::line, CodeError::column, CodeError::message)
            .containsExactly(tuple(4, 16, "unknown model statement `softwareSytem`"),
                    tuple(6, 48, "`container` takes name, description, technology, tags; this is one too many"),
                    tuple(7, 13, "a `component` cannot stand in a `softwareSystem`; it holds [container, group]"),
                    tuple(9, 17, "no element has the identifier `ap`"),
                    tuple(10, 9,
                            "`!include` is not supported by the importer (it reads other files or runs code); the line was skipped"),
                    tuple(11, 21, "this string is never closed"),
                    tuple(14, 23, "a `systemContext` view is of a `softwareSystem`; `user` is a `person`"),
                    tuple(16, 13, "unknown `systemContext` view statement `autolayot`"),
                    tuple(20, 1, "this `}` closes no block"));
        assertThat(r.errors().get(0).suggestion()).isEqualTo("did you mean `softwareSystem`?");
        assertThat(r.errors().get(3).suggestion()).isEqualTo("did you mean `app`?");
        assertThat(r.errors().get(7).suggestion()).isEqualTo("did you mean `autolayout`?");
        // What could be read is there.
        assertThat(r.document().shapes()).extracting(Shape::id).contains("user", "app", "web", "rel-1");
        assertThat(DocumentValidator.validate(r.document())).isEmpty();
    }

    @Test
    void codeWithoutAWorkspaceOrWithAnOpenBlockSaysSo() {
        assertThat(dsl.parse("").errors()).extracting(CodeError::message)
            .containsExactly("the code has no `workspace`");
        assertThat(dsl.parse("model {\n}\n").errors()).extracting(CodeError::line, CodeError::message)
            .containsExactly(tuple(1, "only `workspace { … }` may stand at the top; this statement is outside it"));
        assertThat(dsl.parse("workspace {\n  model {\n    a = person \"A\" {\n").errors())
            .extracting(CodeError::line, CodeError::message)
            .containsExactly(tuple(1, "`workspace` is never closed"), tuple(2, "`model` is never closed"),
                    tuple(3, "`person` is never closed"));
        assertThat(dsl.parse("workspace {\n /* open\n").errors()).extracting(CodeError::message)
            .contains("a `/*` comment is never closed");
        assertThat(dsl.parse("workspace {\n model {\n  group \"g\" {\n   -> x\n  }\n }\n}\n").errors())
            .extracting(CodeError::line, CodeError::message)
            .containsExactly(tuple(4, "a relationship here needs its source before `->`"));
        assertThat(dsl.parse("workspace {\n model {\n  a = softwareSystem \"A\"\n {\n  }\n }\n}\n").errors())
            .extracting(CodeError::line, CodeError::message)
            .containsExactly(tuple(4, "a `{` on its own line opens nothing"));
    }

    @ParameterizedTest
    @ValueSource(strings = { "big-bank.dsl", "implied.dsl", "errors.dsl" })
    void renderingAParsedDocumentAndParsingItAgainGivesTheSameDocument(String file) {
        DiagramDocument first = dsl.parse(resource("structurizr/" + file)).document();
        String rendered = dsl.render(first);
        ParseResult again = dsl.parse(rendered);
        if (!file.equals("errors.dsl")) {
            assertThat(again.errors()).as(rendered).isEmpty();
        }
        assertThat(again.document()).as(rendered).isEqualTo(first);
    }

    @Test
    void aDocumentFromElsewhereRendersByNesting() {
        DiagramDocument doc = DiagramDocument.of(List.of(Shape.frame("shop", "Shop").build(),
                Shape.rectangle("web").text("Web\nshop").parentId("shop").build(),
                Shape.rectangle("db").text("DB").build(), Shape.arrow("e1", "web", "db").text("SQL").build(),
                Shape.text("note", "a note").build()));
        String code = dsl.render(doc);
        assertThat(code).contains("shop = softwareSystem \"Shop\" {\n            web = container \"Web shop\"\n")
            .contains("db = softwareSystem \"DB\"")
            .contains("e1 = web -> db \"SQL\"")
            .contains("// left out (no Structurizr DSL form): text note");
        assertThat(dsl.parse(code).errors()).isEmpty();
    }

    @Test
    void parsedDocumentsAreLaidOutByTheLayout() {
        DiagramDocument placed = DiagramLayout.layout(parse("big-bank.dsl").document(), LayoutOptions.defaults(),
                ModelLimits.DEFAULTS);
        assertThat(placed.shapes().stream().filter(s -> !s.type().isConnector())).allMatch(Shape::hasPosition);
        assertThat(DocumentValidator.validate(placed)).isEmpty();
    }

    @Test
    void limitsAreCheckedWhileReading() {
        ModelLimits ten = new ModelLimits(1 << 20, 1 << 20, 10, 64, 100_000, 5_000);
        String eleven = "workspace {\n model {\n" + IntStream.range(0, 11)
            .mapToObj(i -> "  softwareSystem \"S" + i + "\"\n")
            .collect(Collectors.joining()) + " }\n}\n";
        assertThatThrownBy(() -> dsl.parse(eleven, ten)).isInstanceOfSatisfying(LimitExceededException.class,
                e -> assertThat(e.limit()).isEqualTo(ModelLimits.SHAPES));
        String deep = "workspace {\n model {\n" + "  group \"g\" {\n".repeat(70) + "  }\n".repeat(70) + " }\n}\n";
        ParseResult r = dsl.parse(deep);
        assertThat(r.errors()).extracting(CodeError::line, CodeError::message)
            .containsExactly(tuple(65, "blocks nest at most 64 levels deep; the code from here on is not read"));
        ModelLimits small = new ModelLimits(10, 1 << 20, 10, 64, 100_000, 5_000);
        assertThatThrownBy(() -> dsl.parse("workspace {\n}\n", small)).isInstanceOf(LimitExceededException.class);
    }

    @Test
    void theLanguageIsRegistered() {
        assertThat(DiagramLanguages.find("structurizr")).get().isInstanceOf(StructurizrLanguage.class);
    }

}
