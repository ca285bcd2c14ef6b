package com.autograph.document.mermaid;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import com.autograph.document.DocumentValidator;
import com.autograph.document.code.CodeError;
import com.autograph.document.code.ParseResult;

/**
 * Conformance with Mermaid's own documentation: every block of
 * {@code shared/corpus/mermaid-docs} (real code nobody here wrote, used as it is).
 * <ul>
 * <li>a block of a type the parser reads parses without errors into a valid document, and
 * parse → render → parse gives an equal document;</li>
 * <li>a chart block ({@link #CHARTS}) either does that or gets the message that it is a
 * chart, not a diagram;</li>
 * <li>any other block gets one clear error naming its type.</li>
 * </ul>
 * A block may be skipped only with a named reason in {@code mermaid/docs-skips.tsv}; the
 * skips and the pass rate per documentation page are printed after the run.
 */
class MermaidDocsConformanceTest {

    /**
     * Mermaid's chart types: drawn as shapes where honest, otherwise refused as charts.
     */
    static final Set<String> CHARTS = Set.of("pie", "quadrantChart", "xychart", "xychart-beta", "sankey", "sankey-beta",
            "radar-beta", "treemap", "treemap-beta");

    private enum Outcome {

        PASSED, SKIPPED, FAILED

    }

    private static final Map<String, Map<Outcome, Integer>> PER_PAGE = new ConcurrentHashMap<>();

    private static final Map<String, String> SKIPPED = new ConcurrentHashMap<>();

    record Block(String file, String keyword, String source, int line, String code) {

        /**
         * The documentation page, e.g. {@code flowchart} for {@code flowchart-012.mmd}.
         */
        String page() {
            return file.replaceFirst("-\\d+\\.mmd$", "");
        }

    }

    @TestFactory
    Stream<DynamicTest> everyDocumentationBlock() {
        Map<String, String> skips = skips();
        List<Block> blocks = blocks();
        assertThat(blocks).as("blocks in shared/corpus/mermaid-docs").hasSizeGreaterThan(400);
        assertThat(blocks.stream().map(Block::file).toList()).as("every skip names a block of the corpus")
            .containsAll(skips.keySet());
        Set<String> keywords = MermaidParser.keywords();
        return blocks.stream().map(block -> DynamicTest.dynamicTest(block.file() + " (" + block.keyword() + ")", () -> {
            String reason = skips.get(block.file());
            if (reason != null) {
                SKIPPED.put(block.file(), reason);
                count(block, Outcome.SKIPPED);
                return;
            }
            count(block, Outcome.FAILED);
            if (keywords.contains(block.keyword())) {
                assertRoundTrips(block);
            }
            else if (CHARTS.contains(block.keyword())) {
                assertRoundTripsOrIsRefusedAsAChart(block);
            }
            else {
                assertRefusedNamingItsType(block);
            }
            uncount(block, Outcome.FAILED);
            count(block, Outcome.PASSED);
        }));
    }

    private static void assertRoundTrips(Block block) {
        ParseResult first = MermaidParser.parse(block.code());
        assertThat(first.errors()).as(where(block)).isEmpty();
        assertThat(DocumentValidator.validate(first.document())).as(where(block)).isEmpty();
        String rendered = MermaidRenderer.render(first.document());
        ParseResult second = MermaidParser.parse(rendered);
        assertThat(second.errors()).as("rendered back from %s:%n%s", where(block), rendered).isEmpty();
        assertThat(second.document()).as("rendered back from %s:%n%s", where(block), rendered)
            .isEqualTo(first.document());
    }

    private static void assertRoundTripsOrIsRefusedAsAChart(Block block) {
        ParseResult first = MermaidParser.parse(block.code());
        if (!first.errors().isEmpty() && first.document().shapes().isEmpty()) {
            assertThat(first.errors().get(0).toString().toLowerCase(Locale.ROOT)).as(where(block))
                .contains("`" + block.keyword().toLowerCase(Locale.ROOT) + "` is a chart");
            return;
        }
        assertRoundTrips(block);
    }

    private static void assertRefusedNamingItsType(Block block) {
        List<CodeError> errors = MermaidParser.parse(block.code()).errors();
        assertThat(errors).as(where(block)).hasSize(1);
        assertThat(errors.get(0).toString()).as(where(block)).contains("`" + block.keyword() + "`");
    }

    private static String where(Block block) {
        return block.file() + " (" + block.source() + ":" + block.line() + ")";
    }

    private static void count(Block block, Outcome outcome) {
        PER_PAGE.computeIfAbsent(block.page(), p -> new ConcurrentHashMap<>()).merge(outcome, 1, Integer::sum);
    }

    private static void uncount(Block block, Outcome outcome) {
        PER_PAGE.get(block.page()).merge(outcome, -1, Integer::sum);
    }

    @AfterAll
    static void printPassRates() throws IOException {
        StringBuilder out = new StringBuilder("\nMermaid documentation conformance (shared/corpus/mermaid-docs)\n");
        out.append(
                String.format("%-28s %6s %6s %6s %6s %7s%n", "page", "blocks", "passed", "skipped", "failed", "rate"));
        int[] total = new int[3];
        new TreeMap<>(PER_PAGE).forEach((page, counts) -> {
            int passed = counts.getOrDefault(Outcome.PASSED, 0);
            int skipped = counts.getOrDefault(Outcome.SKIPPED, 0);
            int failed = counts.getOrDefault(Outcome.FAILED, 0);
            total[0] += passed;
            total[1] += skipped;
            total[2] += failed;
            out.append(String.format("%-28s %6d %6d %6d %6d %6.1f%%%n", page, passed + skipped + failed, passed,
                    skipped, failed, rate(passed, passed + failed)));
        });
        out.append(String.format("%-28s %6d %6d %6d %6d %6.1f%%%n", "all", total[0] + total[1] + total[2], total[0],
                total[1], total[2], rate(total[0], total[0] + total[2])));
        out.append(SKIPPED.size()).append(" skipped").append(SKIPPED.isEmpty() ? "" : ":").append('\n');
        new TreeMap<>(SKIPPED)
            .forEach((file, reason) -> out.append("  ").append(file).append(": ").append(reason).append('\n'));
        System.out.print(out);
        // ./autograph test prints target/conformance/*.txt of every module after the run
        Path report = Path.of("target", "conformance", "mermaid-docs.txt");
        Files.createDirectories(report.getParent());
        Files.writeString(report, out.toString().strip() + "\n", StandardCharsets.UTF_8);
    }

    private static double rate(int passed, int counted) {
        return counted == 0 ? 100.0 : 100.0 * passed / counted;
    }

    /** The corpus beside the project: {@code ../shared/corpus/mermaid-docs}. */
    static Path corpus() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("shared/corpus/mermaid-docs");
            if (Files.isRegularFile(candidate.resolve("MANIFEST.tsv"))) {
                return candidate;
            }
        }
        throw new IllegalStateException(
                "shared/corpus/mermaid-docs was not found in any parent folder: check out ../shared beside the project");
    }

    static List<Block> blocks() {
        Path dir = corpus();
        try {
            List<Block> blocks = new ArrayList<>();
            List<String> manifest = Files.readAllLines(dir.resolve("MANIFEST.tsv"), StandardCharsets.UTF_8);
            for (String row : manifest.subList(1, manifest.size())) {
                String[] f = row.split("\t", -1);
                blocks.add(new Block(f[0], f[1], f[2], Integer.parseInt(f[3]),
                        Files.readString(dir.resolve(f[0]), StandardCharsets.UTF_8)));
            }
            return blocks;
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** file → reason, from {@code mermaid/docs-skips.tsv}. */
    static Map<String, String> skips() {
        try (InputStream in = MermaidDocsConformanceTest.class.getResourceAsStream("/mermaid/docs-skips.tsv")) {
            Map<String, String> skips = new LinkedHashMap<>();
            for (String row : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (row.isBlank() || row.startsWith("#")) {
                    continue;
                }
                String[] f = row.split("\t", 2);
                assertThat(f).as("skip without a reason: " + row).hasSize(2);
                assertThat(f[1]).as("skip without a reason: " + row).isNotBlank();
                skips.put(f[0], f[1].strip());
            }
            return skips;
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

}
