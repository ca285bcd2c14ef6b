package com.autograph.ai.offline;

import java.time.Clock;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

import org.springframework.stereotype.Component;

import com.autograph.ai.generate.CodeDraft;
import com.autograph.ai.generate.CodeSource;
import com.autograph.ai.generate.CodeSourceException;
import com.autograph.ai.generate.DiagramKind;
import com.autograph.ai.generate.DocumentEditor;
import com.autograph.ai.generate.DraftRequest;
import com.autograph.ai.generate.KindDetector;
import com.autograph.ai.generate.ProseSource;
import com.autograph.ai.icons.IconCatalog;
import com.autograph.document.DiagramDocument;
import com.autograph.document.code.DiagramLanguages;
import com.autograph.document.code.ParseResult;
import com.autograph.document.formats.eraser.EraserLanguage;

/**
 * The rule-based generator: works with no provider configured, offline and in air-gapped
 * installs. It detects the kind of diagram, the cloud and the domain, takes the
 * components and items the prompt names, fills in the domain's typical parts when it
 * names few, and writes Eraser-style code for architectures and Mermaid for the rest.
 * Refining changes any file's document in place (Mermaid-made or drawn by hand too). A
 * temperature of 0.5 or more asks for the alternative layout (fewer connections,
 * left-to-right flows), which the pipeline uses on its retries.
 */
@Component
public class OfflineGenerator implements CodeSource, ProseSource, DocumentEditor {

    public static final String NAME = "offline";

    private final IconCatalog catalog;

    private final ComponentExtractor extractor;

    private final ArchitectureDrafter architecture;

    private final MermaidDrafter mermaid;

    private final Refiner refiner;

    private final Critic critic;

    private final Clock clock;

    public OfflineGenerator(IconCatalog catalog, Optional<Clock> clock) {
        this.catalog = catalog;
        this.extractor = new ComponentExtractor(catalog);
        this.architecture = new ArchitectureDrafter(catalog, extractor);
        this.mermaid = new MermaidDrafter(extractor);
        this.refiner = new Refiner(catalog, extractor);
        this.critic = new Critic(catalog);
        this.clock = clock.orElse(Clock.systemUTC());
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public boolean ruleBased() {
        return true;
    }

    @Override
    public CodeDraft draft(DraftRequest request, Consumer<String> partial) {
        String code = request.currentCode() == null || request.currentCode().isBlank() ? generate(request)
                : refine(request);
        String language = DiagramKind.ofCode("mermaid", code).filter(k -> k != DiagramKind.ARCHITECTURE).isPresent()
                ? "mermaid" : EraserLanguage.ID;
        partial.accept(code);
        return new CodeDraft(code, language, NAME, "rules", 0, 0, 0);
    }

    private String generate(DraftRequest request) {
        String prompt = request.prompt();
        Optional<DiagramKind> detected = KindDetector.detect(prompt);
        Domain domain = Domain.detect(prompt);
        String provider = extractor.provider(prompt);
        List<Part> named = extractor.extract(prompt, provider);
        if (detected.isEmpty() && domain == Domain.GENERIC && named.isEmpty()) {
            throw new CodeSourceException(422,
                    "The offline generator found nothing to draw: no kind of diagram, no known component and no "
                            + "domain in the prompt. Name a diagram type (architecture, flowchart, sequence, ER, "
                            + "class, state, gantt) or the parts of the system.",
                    null);
        }
        boolean alternative = request.temperature() != null && request.temperature() >= 0.5;
        DiagramKind kind = detected
            .orElse(named.isEmpty() && domain != Domain.GENERIC ? DiagramKind.FLOWCHART : DiagramKind.ARCHITECTURE);
        return switch (kind) {
            case ARCHITECTURE -> architecture.draft(prompt, provider, domain, alternative).toEraser();
            case FLOWCHART -> mermaid.flowchart(prompt, domain, alternative);
            case SEQUENCE -> mermaid.sequence(prompt, provider, domain);
            case ER -> mermaid.er(prompt, domain);
            case CLASS -> mermaid.classes(prompt, domain);
            case STATE -> mermaid.state(prompt, domain);
            case GANTT -> mermaid.gantt(prompt, domain,
                    LocalDate.now(clock).with(TemporalAdjusters.nextOrSame(DayOfWeek.MONDAY)));
        };
    }

    /**
     * Refining code: the code read in its own language, edited, written as Eraser code.
     */
    private String refine(DraftRequest request) {
        ParseResult parsed = DiagramLanguages.find(String.valueOf(request.language()))
            .orElseThrow(() -> new CodeSourceException(422,
                    "The diagram to refine is in an unknown language: " + request.language() + ".", null))
            .parse(request.currentCode());
        if (!parsed.ok()) {
            throw new CodeSourceException(422, "The diagram to refine does not parse: " + parsed.errors().get(0), null);
        }
        return edit(parsed.document(), request.prompt()).draft().code();
    }

    /**
     * Refines any file's document in place, whatever language made it: the shapes the
     * instruction names are changed, everything else stays as it is.
     */
    @Override
    public Edit edit(DiagramDocument current, String instruction) {
        ArchModel model = ArchModel.of(current);
        if (model.nodes.isEmpty()) {
            throw new CodeSourceException(422, "The diagram has no shapes the offline generator can refine.", null);
        }
        List<String> changes = refiner.apply(model, instruction, providerOf(model));
        if (changes.isEmpty()) {
            throw new CodeSourceException(422,
                    "The offline generator understood no change it can make: it adds, removes, connects, renames "
                            + "and colours components (e.g. \"add a Redis cache in front of the orders service\", "
                            + "\"remove the queue\", \"colour the services blue\", \"rename Orders to Checkout\", "
                            + "\"connect the API to the cache\").",
                    null);
        }
        DiagramDocument edited = model.toDocument(current);
        String code = new EraserLanguage().render(edited);
        return new Edit(edited, new CodeDraft(code, EraserLanguage.ID, NAME, "rules", 0, 0, 0));
    }

    private String providerOf(ArchModel model) {
        List<String> providers = new ArrayList<>();
        model.nodes.values()
            .forEach(n -> catalog.get(n.icon)
                .map(i -> i.provider())
                .filter(p -> !"generic".equals(p))
                .ifPresent(providers::add));
        return providers.stream().reduce((a, b) -> a).orElse("generic");
    }

    @Override
    public String answer(String task, String diagramCode, String instruction, Consumer<String> partial) {
        Optional<DiagramKind> kind = DiagramKind.ofCode("mermaid", diagramCode);
        String language = kind.isPresent() ? "mermaid" : EraserLanguage.ID;
        ParseResult parsed = DiagramLanguages.find(language).orElseThrow().parse(diagramCode);
        if (!parsed.ok()) {
            throw new CodeSourceException(422, "The diagram does not parse: " + parsed.errors().get(0), null);
        }
        DiagramDocument doc = parsed.document();
        String text = switch (task) {
            case "explain" -> critic.explain(doc, kind.orElse(DiagramKind.ARCHITECTURE).id());
            case "critique" -> critic.critique(doc);
            case "suggest" -> critic.suggest(doc, "generic");
            default -> throw new IllegalArgumentException("unknown task " + task);
        };
        partial.accept(text);
        return text;
    }

}
