package com.autograph.ai.generate;

import java.util.List;
import java.util.Optional;

import org.springframework.stereotype.Component;

import com.autograph.ai.icons.IconCatalog;
import com.autograph.ai.icons.Mention;
import com.autograph.document.DiagramDocument;
import com.autograph.document.Shape;
import com.autograph.document.quality.DiagramQuality;
import com.autograph.document.quality.QualityReport;

/** Scores a laid-out draft against its prompt; see {@link Quality} for the parts. */
@Component
public class QualityScorer {

    private final IconCatalog catalog;

    public QualityScorer(IconCatalog catalog) {
        this.catalog = catalog;
    }

    public Quality score(String prompt, DiagramDocument doc, DiagramKind kind, Optional<DiagramKind> expected,
            String provider) {
        QualityReport report = DiagramQuality.measure(doc);
        int layout = (int) Math.round(report.score() * 0.4);
        int kindPart = expected.isEmpty() || expected.get() == kind ? 15 : 0;
        List<Shape> nodes = doc.shapes().stream().filter(s -> !s.type().isConnector()).toList();
        int components = 15;
        if ((kind == DiagramKind.ARCHITECTURE || expected.orElse(null) == DiagramKind.ARCHITECTURE) && prompt != null) {
            List<Mention> mentions = catalog.mentions(prompt, provider);
            if (!mentions.isEmpty()) {
                long present = mentions.stream().filter(m -> present(m, nodes)).count();
                components = (int) Math.round(15.0 * present / mentions.size());
            }
        }
        List<String> keys = nodes.stream().flatMap(s -> s.icon().stream()).toList();
        int icons = keys.isEmpty() ? (kind == DiagramKind.ARCHITECTURE ? 0 : 15)
                : (int) Math.round(15.0 * keys.stream().filter(catalog::knows).count() / keys.size());
        List<Shape> connectors = doc.connectors();
        int labels = 15;
        if (!connectors.isEmpty()
                && (kind == DiagramKind.ARCHITECTURE || kind == DiagramKind.SEQUENCE || kind == DiagramKind.ER)) {
            long labelled = connectors.stream().filter(c -> c.text().filter(t -> !t.isBlank()).isPresent()).count();
            labels = (int) Math.round(15.0 * labelled / connectors.size());
        }
        return new Quality(layout + kindPart + components + icons + labels, layout, kindPart, components, icons, labels,
                report.overlaps());
    }

    /**
     * The diagram shows a mentioned component: a shape with its icon, or its words in a
     * label.
     */
    private static boolean present(Mention m, List<Shape> nodes) {
        return nodes.stream()
            .anyMatch(s -> m.icon().key().equals(s.icon().orElse(null))
                    || IconCatalog.normalize(s.text().orElse("")).contains(m.term()));
    }

}
