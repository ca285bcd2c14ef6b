package com.autograph.ai.offline;

import java.util.Optional;
import java.util.Random;

import org.junit.jupiter.api.Test;

import com.autograph.ai.generate.CodeSourceException;
import com.autograph.ai.icons.IconCatalog;
import com.autograph.document.DiagramDocument;
import com.autograph.document.DocumentValidator;
import com.autograph.document.ModelLimits;
import com.autograph.document.code.DiagramLanguages;
import com.autograph.document.layout.DiagramLayout;
import com.autograph.document.layout.LayoutOptions;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Fuzz target for refinement instructions (client text read by the offline refiner's
 * patterns) on documents from both languages: every answer is a valid document in which
 * every shape that had a position still has one, or a 422. {@code -Dfuzz.tries} and
 * {@code -Dfuzz.seed} as in diagram-model's ParserFuzzTest; the seed is printed.
 */
class RefinementFuzzTest {

    private static final int TRIES = Integer.getInteger("fuzz.tries", 1500);

    private static final long SEED = Long.getLong("fuzz.seed", 1717L);

    private static final String[] WORDS = { "add", "remove", "delete", "rename", "connect", "link", "colour", "color",
            "paint", "make", "to", "as", "into", "with", "and", "in front of", "behind", "before", "after", "between",
            "the", "a", "all", "services", "service", "queue", "database", "cache", "Redis", "Kafka", "orders",
            "payments", "web app", "gateway", "blue", "red", "#123456", "Order queue", "Orders service", "\"", "'",
            "“quoted”", ".", ",", ";", "\n", "and then", "", " ", "é", "数据库", "<script>", "]]>", "[", "]", "{", "}",
            ":", ">", "--", "x".repeat(300), "\u0000", "\uD800" };

    private final OfflineGenerator generator = new OfflineGenerator(new IconCatalog(), Optional.empty());

    @Test
    void randomInstructionsGiveAValidDocumentOrA422() {
        DiagramDocument[] documents = { laidOut("mermaid", """
                flowchart LR
                  web[Web app] --> gw[API gateway]
                  gw --> orders[Orders service]
                  orders --> q[Order queue]
                  orders --> db[(Orders database)]
                """), laidOut("eraser", """
                Users [icon: users]
                CloudFront [icon: aws-cloudfront]
                Service 1 [icon: service]
                SQS [icon: aws-sqs]
                Postgres [icon: postgresql]
                Users > CloudFront: HTTPS
                CloudFront > Service 1: routes
                Service 1 > SQS: publishes
                Service 1 > Postgres: reads and writes
                """), DiagramDocument.empty() };
        Random random = new Random(SEED);
        System.out.println("RefinementFuzzTest seed " + SEED);
        for (int i = 0; i < TRIES; i++) {
            StringBuilder instruction = new StringBuilder();
            for (int w = random.nextInt(12); w >= 0; w--) {
                instruction.append(WORDS[random.nextInt(WORDS.length)]).append(random.nextInt(4) == 0 ? "" : " ");
            }
            DiagramDocument doc = documents[random.nextInt(documents.length)];
            try {
                DiagramDocument edited = generator.edit(doc, instruction.toString()).document();
                assertThat(DocumentValidator.validate(edited)).as(instruction.toString()).isEmpty();
                assertThat(edited.shapes()).as(instruction.toString())
                    .allMatch(s -> s.type().isConnector()
                            || s.hasPosition() == doc.shape(s.id()).map(o -> o.hasPosition()).orElse(true));
            }
            catch (CodeSourceException ex) {
                assertThat(ex.status()).as(instruction.toString()).isEqualTo(422);
            }
        }
    }

    private static DiagramDocument laidOut(String language, String code) {
        var parsed = DiagramLanguages.find(language).orElseThrow().parse(code);
        assertThat(parsed.errors()).isEmpty();
        return DiagramLayout.layout(parsed.document(), LayoutOptions.defaults(), ModelLimits.DEFAULTS);
    }

}
