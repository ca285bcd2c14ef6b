package com.autograph.ai.offline;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import com.autograph.ai.generate.CodeSourceException;
import com.autograph.ai.icons.IconCatalog;
import com.autograph.document.DiagramDocument;
import com.autograph.document.DocumentValidator;
import com.autograph.document.ModelLimits;
import com.autograph.document.Shape;
import com.autograph.document.code.DiagramLanguages;
import com.autograph.document.layout.DiagramLayout;
import com.autograph.document.layout.LayoutOptions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The offline generator refines any file's document, here one made from Mermaid (whose
 * ids, like "gw", are no names of the Eraser language): the shapes an instruction names
 * change, every other shape stays exactly as it was, id, position and all.
 */
class DocumentRefinementTest {

    private static final String FLOWCHART = """
            flowchart LR
              web[Web app] --> gw[API gateway]
              gw --> orders[Orders service]
              gw --> pay[Payments service]
              orders --> q[Order queue]
              q --> ship[Shipping worker]
              orders --> db[(Orders database)]
            """;

    private final OfflineGenerator generator = new OfflineGenerator(new IconCatalog(), Optional.empty());

    private final DiagramDocument mermaid = laidOut(FLOWCHART);

    private static DiagramDocument laidOut(String code) {
        var parsed = DiagramLanguages.find("mermaid").orElseThrow().parse(code);
        assertThat(parsed.errors()).isEmpty();
        return DiagramLayout.layout(parsed.document(), LayoutOptions.defaults(), ModelLimits.DEFAULTS);
    }

    private DiagramDocument edit(DiagramDocument doc, String instruction) {
        DiagramDocument edited = generator.edit(doc, instruction).document();
        assertThat(DocumentValidator.validate(edited)).as(instruction).isEmpty();
        return edited;
    }

    private static Map<String, Shape> byId(DiagramDocument doc) {
        return doc.shapes().stream().collect(Collectors.toMap(Shape::id, Function.identity()));
    }

    /** Every shape of {@code before} but those named is in {@code after}, unchanged. */
    private static void untouchedBut(DiagramDocument before, DiagramDocument after, String... changed) {
        Map<String, Shape> now = byId(after);
        for (Shape s : before.shapes()) {
            if (!List.of(changed).contains(s.id())) {
                assertThat(now.get(s.id())).as(s.id()).isEqualTo(s);
            }
        }
    }

    private static Optional<Shape> connector(DiagramDocument doc, String from, String to) {
        return doc.connectors()
            .stream()
            .filter(c -> c.start().flatMap(e -> e.shapeId()).orElse("").equals(from)
                    && c.end().flatMap(e -> e.shapeId()).orElse("").equals(to))
            .findFirst();
    }

    @Test
    void addingInFrontOfAServicePlacesItBesideWithoutMovingAnything() {
        DiagramDocument after = edit(mermaid, "add a Redis cache in front of the orders service");
        Shape cache = after.shapes()
            .stream()
            .filter(s -> s.text().orElse("").contains("Redis"))
            .findFirst()
            .orElseThrow();
        assertThat(cache.hasPosition()).isTrue();
        assertThat(cache.icon()).as("no icons in a diagram without them").isEmpty();
        for (Shape s : after.shapes()) {
            if (s != cache && !s.type().isConnector()) {
                boolean apart = cache.x() + cache.width() <= s.x() || s.x() + s.width() <= cache.x()
                        || cache.y() + cache.height() <= s.y() || s.y() + s.height() <= cache.y();
                assertThat(apart).as("the cache overlaps " + s.id()).isTrue();
            }
        }
        Shape gwToOrders = connector(mermaid, "gw", "orders").orElseThrow();
        assertThat(connector(after, "gw", cache.id())).map(Shape::id).hasValue(gwToOrders.id());
        assertThat(connector(after, cache.id(), "orders")).isPresent();
        untouchedBut(mermaid, after, gwToOrders.id());
    }

    @Test
    void removingTheQueueReconnectsItsNeighbours() {
        DiagramDocument after = edit(mermaid, "remove the queue");
        assertThat(byId(after)).doesNotContainKey("q");
        assertThat(after.connectors()).noneMatch(c -> c.start().flatMap(e -> e.shapeId()).orElse("").equals("q")
                || c.end().flatMap(e -> e.shapeId()).orElse("").equals("q"));
        assertThat(connector(after, "orders", "ship")).isPresent();
        List<String> gone = mermaid.shapes()
            .stream()
            .filter(s -> s.id().equals("q")
                    || connector(mermaid, "orders", "q").map(Shape::id).orElse("").equals(s.id())
                    || connector(mermaid, "q", "ship").map(Shape::id).orElse("").equals(s.id()))
            .map(Shape::id)
            .toList();
        assertThat(gone).hasSize(3);
        untouchedBut(mermaid, after, gone.toArray(String[]::new));
    }

    @Test
    void colouringTheServicesChangesTheirColourOnly() {
        DiagramDocument after = edit(mermaid, "colour the services blue");
        assertThat(byId(after).get("orders").style().strokeColor()).hasValue("#1971c2");
        assertThat(byId(after).get("pay").style().strokeColor()).hasValue("#1971c2");
        assertThat(byId(after).get("orders").x()).isEqualTo(byId(mermaid).get("orders").x());
        untouchedBut(mermaid, after, "orders", "pay");
    }

    @Test
    void renamingKeepsTheIdAndThePlace() {
        DiagramDocument after = edit(mermaid, "rename Payments service to \"Billing service\"");
        Shape billing = byId(after).get("pay");
        assertThat(billing.text()).hasValue("Billing service");
        assertThat(billing.x()).isEqualTo(byId(mermaid).get("pay").x());
        assertThat(billing.y()).isEqualTo(byId(mermaid).get("pay").y());
        untouchedBut(mermaid, after, "pay");
    }

    @Test
    void connectingTwoAddsOneArrow() {
        DiagramDocument after = edit(mermaid, "connect the web app to the orders database");
        assertThat(connector(after, "web", "db")).isPresent();
        assertThat(after.shapes()).hasSize(mermaid.shapes().size() + 1);
        untouchedBut(mermaid, after);
    }

    @Test
    void severalInstructionsInOneAndRefiningAgain() {
        DiagramDocument once = edit(mermaid, "remove the queue, and colour the services blue");
        DiagramDocument twice = edit(once, "rename API gateway to Edge");
        assertThat(byId(twice).get("gw").text()).hasValue("Edge");
        assertThat(byId(twice)).doesNotContainKey("q");
        untouchedBut(once, twice, "gw");
    }

    @Test
    void anArchitectureKeepsItsIconsAndGetsIconedComponents() {
        String code = generator.draft(new com.autograph.ai.generate.DraftRequest(
                "AWS architecture with CloudFront, an ALB, two services, SQS and Postgres", "eraser", null, null, null,
                null, null), part -> {
                })
            .code();
        var parsed = DiagramLanguages.find("eraser").orElseThrow().parse(code);
        DiagramDocument doc = DiagramLayout.layout(parsed.document(), LayoutOptions.defaults(), ModelLimits.DEFAULTS);
        DiagramDocument after = edit(doc, "add a Redis cache in front of Service 1");
        assertThat(after.shapes()).anyMatch(s -> s.icon().orElse("").equals("redis") && s.hasPosition());
    }

    @Test
    void anInstructionItCannotFollowIsA422() {
        assertThatThrownBy(() -> generator.edit(mermaid, "make it prettier somehow"))
            .isInstanceOfSatisfying(CodeSourceException.class, ex -> assertThat(ex.status()).isEqualTo(422));
        assertThatThrownBy(() -> generator.edit(DiagramDocument.empty(), "remove the queue"))
            .isInstanceOfSatisfying(CodeSourceException.class, ex -> assertThat(ex.status()).isEqualTo(422));
    }

}
