package com.autograph.ai.generate;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

import com.autograph.ai.AiProperties;
import com.autograph.ai.icons.Icon;
import com.autograph.ai.icons.IconCatalog;
import com.autograph.document.DiagramDocument;
import com.autograph.document.DocumentValidator;
import com.autograph.document.LimitExceededException;
import com.autograph.document.ModelLimits;
import com.autograph.document.Shape;
import com.autograph.document.ShapeType;
import com.autograph.document.ValidationError;
import com.autograph.document.code.CodeError;
import com.autograph.document.code.DiagramLanguage;
import com.autograph.document.code.DiagramLanguages;
import com.autograph.document.code.ParseResult;
import com.autograph.document.layout.DiagramLayout;
import com.autograph.document.layout.LayoutOptions;
import com.autograph.shared.error.ApiException;

/**
 * Prompt → source → code → parse → icons → layout → quality score. A draft scoring under
 * the target is redrafted with other parameters (a higher temperature, another layout
 * direction, more spacing) up to the configured number of times and the best is kept. A
 * draft that does not parse is redrafted once with the parser's errors; a second failure
 * is a 422 and nothing is saved. No answer of a source is trusted: all of it is parsed
 * and validated here.
 */
@Component
public class GenerationPipeline {

    private static final Logger log = LoggerFactory.getLogger(GenerationPipeline.class);

    public static final String OFFLINE = SourceSelector.OFFLINE;

    private final SourceSelector<CodeSource> sources;

    private final IconCatalog catalog;

    private final QualityScorer scorer;

    private final AiProperties properties;

    private final ModelLimits limits = ModelLimits.DEFAULTS;

    public GenerationPipeline(List<CodeSource> sources, IconCatalog catalog, QualityScorer scorer,
            AiProperties properties) {
        this.sources = new SourceSelector<>(sources);
        this.catalog = catalog;
        this.scorer = scorer;
        this.properties = properties;
    }

    /**
     * Names a request's {@code provider} may take: "offline" and the configured chain's.
     */
    public List<String> sourceNames() {
        return sources.names();
    }

    /**
     * The source for a request: "offline" forces the rule-based generator; no name gives
     * the provider chain when one is configured, else offline.
     */
    CodeSource choose(String requested) {
        return sources.choose(requested);
    }

    private Optional<CodeSource> offline() {
        return sources.offline();
    }

    private record Parameters(Double temperature, LayoutOptions layout) {
    }

    /**
     * A draft that parsed; {@code kind} is set when the source said it (an edited
     * document).
     */
    private record Drafted(CodeDraft draft, ParseResult parsed, CodeSource source, boolean fellBack, int drafts,
            DiagramKind kind) {

        Drafted(CodeDraft draft, ParseResult parsed, CodeSource source, boolean fellBack, int drafts) {
            this(draft, parsed, source, fellBack, drafts, null);
        }

    }

    public Generation run(GenerateCommand command, Consumer<PipelineEvent> events) {
        CodeSource source = choose(command.provider());
        Optional<DiagramKind> expected = command.refining()
                ? DiagramKind.ofCode(command.currentLanguage(), command.currentCode())
                : KindDetector.detect(command.prompt());
        String cloud = catalog
            .providerOf(command.refining() ? command.currentCode() + " " + command.prompt() : command.prompt());
        List<Parameters> tries = parameters(command);
        Generation best = null;
        int attempts = 0;
        for (int i = 0; i < tries.size(); i++) {
            Parameters p = tries.get(i);
            if (i > 0) {
                events.accept(PipelineEvent.stage("retry",
                        Map.of("reason", "quality", "previous_score", best.quality().score(), "attempt", i + 1)));
            }
            Drafted d = draft(source, command, p, expected, events);
            attempts += d.drafts();
            source = d.source();
            Generation g = finish(command, d, p, expected, cloud, events, attempts);
            if (best == null || g.quality().score() > best.quality().score()) {
                best = g;
            }
            // An edited document is placed by its editor: other parameters would give the
            // same.
            if (best.quality().score() >= properties.qualityTarget() || d.kind() != null) {
                break;
            }
        }
        Generation result = new Generation(best.document(), best.code(), best.language(), best.kind(), best.quality(),
                best.source(), best.model(), best.ruleBased(), best.inputTokens(), best.outputTokens(), best.costUsd(),
                attempts, best.fellBack());
        log.debug("Generated a {} diagram with {} in {} attempt(s), quality {}", result.kind().id(), result.source(),
                attempts, result.quality().score());
        return result;
    }

    private List<Parameters> parameters(GenerateCommand command) {
        List<Parameters> list = new ArrayList<>();
        list.add(new Parameters(command.temperature(), LayoutOptions.defaults()));
        double t = command.temperature() == null ? 0.7 : Math.min(1.5, command.temperature() + 0.3);
        list.add(new Parameters(t, LayoutOptions.defaults().withDirection(LayoutOptions.Direction.RIGHT)));
        list.add(new Parameters(Math.min(2.0, t + 0.2),
                LayoutOptions.defaults().withNodeSpacing(LayoutOptions.DEFAULT_NODE_SPACING * 1.8)));
        return list.subList(0, Math.min(list.size(), 1 + properties.qualityRetries()));
    }

    private Drafted draft(CodeSource source, GenerateCommand command, Parameters p, Optional<DiagramKind> expected,
            Consumer<PipelineEvent> events) {
        String language = command.refining() ? command.currentLanguage()
                : expected.map(DiagramKind::language).orElse("eraser");
        String prompt = command.context().isEmpty() || source.ruleBased() ? command.prompt()
                : "Earlier instructions for this diagram, already applied: " + String.join(" / ", command.context())
                        + "\nNow: " + command.prompt();
        DraftRequest request = new DraftRequest(prompt, language, command.currentCode(), List.of(), command.model(),
                p.temperature(), command.maxTokens());
        events.accept(PipelineEvent.stage("draft", Map.of("source", source.name())));
        boolean fellBack = false;
        CodeDraft draft;
        try {
            if (command.refining() && command.current() != null && source instanceof DocumentEditor editor) {
                return edited(editor, source, command, false, events);
            }
            draft = source.draft(request, text -> events.accept(PipelineEvent.partial(text)));
        }
        catch (CodeSourceException ex) {
            Optional<CodeSource> offline = offline();
            if (source.name().equals(OFFLINE) || !properties.fallbackToOffline() || offline.isEmpty()) {
                throw failure(ex);
            }
            log.warn("{} failed ({}), answering with the offline generator", source.name(), ex.getMessage());
            events.accept(PipelineEvent.stage("fallback", Map.of("failed", source.name(), "reason", ex.getMessage())));
            source = offline.get();
            fellBack = true;
            if (command.refining() && command.current() != null && source instanceof DocumentEditor editor) {
                try {
                    return edited(editor, source, command, true, events);
                }
                catch (CodeSourceException second) {
                    throw failure(second);
                }
            }
            draft = draftOrFail(source, request, events);
        }
        events.accept(PipelineEvent.stage("parse", Map.of("language", String.valueOf(draft.language()))));
        ParseResult parsed = parse(draft);
        if (parsed.ok()) {
            return new Drafted(draft, parsed, source, fellBack, 1);
        }
        List<String> errors = parsed.errors().stream().limit(20).map(CodeError::toString).toList();
        events.accept(PipelineEvent.stage("retry", Map.of("reason", "parse", "errors", errors)));
        DraftRequest again = new DraftRequest(request.prompt(), request.language(), request.currentCode(), errors,
                request.model(), request.temperature(), request.maxTokens());
        CodeDraft second = draftOrFail(source, again, events);
        ParseResult reparsed = parse(second);
        if (!reparsed.ok()) {
            throw new ApiException(HttpStatus.UNPROCESSABLE_CONTENT, "draft_unparseable",
                    source.name() + " answered code that does not parse, twice (" + reparsed.errors().get(0)
                            + "); nothing was saved.");
        }
        return new Drafted(second, reparsed, source, fellBack, 2);
    }

    /**
     * A refinement made on the document itself: validated like any parsed draft; its kind
     * is the file's (an architecture when it has icons, else a flowchart).
     */
    private Drafted edited(DocumentEditor editor, CodeSource source, GenerateCommand command, boolean fellBack,
            Consumer<PipelineEvent> events) {
        DocumentEditor.Edit edit = editor.edit(command.current(), command.prompt());
        events.accept(PipelineEvent.partial(edit.draft().code()));
        events.accept(PipelineEvent.stage("parse", Map.of("language", String.valueOf(edit.draft().language()))));
        List<ValidationError> errors = DocumentValidator.validate(edit.document());
        if (!errors.isEmpty()) {
            throw new ApiException(HttpStatus.UNPROCESSABLE_CONTENT, "draft_unparseable",
                    source.name() + " made a document that is not valid (" + errors.get(0) + "); nothing was saved.");
        }
        boolean iconed = command.current().shapes().stream().anyMatch(s -> s.icon().isPresent());
        return new Drafted(edit.draft(), new ParseResult(edit.document(), List.of()), source, fellBack, 1,
                iconed ? DiagramKind.ARCHITECTURE : DiagramKind.FLOWCHART);
    }

    private static CodeDraft draftOrFail(CodeSource source, DraftRequest request, Consumer<PipelineEvent> events) {
        try {
            return source.draft(request, text -> events.accept(PipelineEvent.partial(text)));
        }
        catch (CodeSourceException ex) {
            throw failure(ex);
        }
    }

    private static ApiException failure(CodeSourceException ex) {
        HttpStatus status = Optional.ofNullable(HttpStatus.resolve(ex.status())).orElse(HttpStatus.BAD_GATEWAY);
        String code = status == HttpStatus.UNPROCESSABLE_CONTENT ? "nothing_to_draw"
                : status == HttpStatus.TOO_MANY_REQUESTS ? "provider_rate_limited" : "provider_failed";
        return new ApiException(status, code, ex.getMessage());
    }

    private ParseResult parse(CodeDraft draft) {
        Optional<DiagramLanguage> language = DiagramLanguages.find(String.valueOf(draft.language()));
        if (language.isEmpty() || draft.code() == null) {
            return new ParseResult(DiagramDocument.empty(),
                    List.of(new CodeError(1, 1, "the answer is not code in mermaid or eraser")));
        }
        try {
            ParseResult r = language.get().parse(draft.code(), limits);
            boolean empty = r.document().shapes().stream().noneMatch(s -> !s.type().isConnector());
            return r.ok() && empty
                    ? new ParseResult(r.document(), List.of(new CodeError(1, 1, "the code draws nothing"))) : r;
        }
        catch (LimitExceededException ex) {
            return new ParseResult(DiagramDocument.empty(), List.of(new CodeError(1, 1, ex.getMessage())));
        }
    }

    private Generation finish(GenerateCommand command, Drafted d, Parameters p, Optional<DiagramKind> expected,
            String cloud, Consumer<PipelineEvent> events, int attempts) {
        DiagramKind kind = d.kind() != null ? d.kind()
                : DiagramKind.ofCode(d.draft().language(), d.draft().code()).orElse(DiagramKind.FLOWCHART);
        DiagramDocument doc = d.parsed().document();
        events.accept(PipelineEvent.stage("icons", Map.of("kind", kind.id())));
        if (kind == DiagramKind.ARCHITECTURE) {
            doc = icons(doc, cloud);
        }
        events.accept(PipelineEvent.stage("layout", Map.of("direction", p.layout().direction().name().toLowerCase())));
        doc = layout(doc, p.layout(), command.current());
        Quality quality = scorer.score(command.refining() ? null : command.prompt(), doc, kind,
                d.kind() != null ? Optional.of(d.kind()) : expected, cloud);
        Map<String, Object> scored = new LinkedHashMap<>();
        scored.put("score", quality.score());
        scored.put("attempt", attempts);
        events.accept(PipelineEvent.stage("score", scored));
        CodeDraft draft = d.draft();
        return new Generation(doc, draft.code(), draft.language(), kind, quality, d.source().name(), draft.model(),
                d.source().ruleBased(), draft.inputTokens(), draft.outputTokens(), draft.estimatedCostUsd(), attempts,
                d.fellBack());
    }

    /**
     * Known icon keys stay; unknown ones, and nodes without one, get the catalog's best
     * match.
     */
    private DiagramDocument icons(DiagramDocument doc, String cloud) {
        List<Shape> shapes = new ArrayList<>();
        for (Shape s : doc.shapes()) {
            if (s.type().isConnector() || s.type().isContainer() || s.type() == ShapeType.TEXT) {
                shapes.add(s);
                continue;
            }
            String key = s.icon().orElse(null);
            if (catalog.knows(key)) {
                shapes.add(s);
                continue;
            }
            Optional<Icon> icon = key == null ? Optional.empty() : catalog.resolve(key.replace('-', ' '), cloud);
            if (icon.isEmpty()) {
                icon = catalog.resolve(s.text().orElse(""), cloud);
            }
            shapes.add(icon.map(i -> s.toBuilder().icon(i.key()).build()).orElse(s));
        }
        return doc.withShapes(shapes);
    }

    /**
     * Lays out what has no position; when refining, shapes the old document had keep
     * their place and size.
     */
    private DiagramDocument layout(DiagramDocument doc, LayoutOptions options, DiagramDocument previous) {
        boolean unplaced = doc.shapes().stream().anyMatch(s -> !s.type().isConnector() && !s.hasPosition());
        DiagramDocument laid = unplaced ? DiagramLayout.layout(doc, options, limits) : doc;
        if (previous == null) {
            return laid;
        }
        List<Shape> shapes = new ArrayList<>();
        for (Shape s : laid.shapes()) {
            Optional<Shape> old = previous.shape(s.id()).filter(o -> !o.type().isConnector() && o.hasPosition());
            shapes.add(old.map(o -> {
                Shape moved = s.withPosition(o.x(), o.y());
                return o.hasSize() ? moved.withSize(o.width(), o.height()) : moved;
            }).orElse(s));
        }
        return laid.withShapes(shapes);
    }

}
