package com.autograph.ai.offline;

import java.util.Optional;
import java.util.Random;

import org.junit.jupiter.api.Test;

import com.autograph.ai.generate.CodeDraft;
import com.autograph.ai.generate.CodeSourceException;
import com.autograph.ai.generate.DraftRequest;
import com.autograph.ai.icons.IconCatalog;
import com.autograph.document.code.DiagramLanguages;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class OfflineGeneratorTest {

    private final OfflineGenerator generator = new OfflineGenerator(new IconCatalog(), Optional.empty());

    private CodeDraft draft(String prompt, String code) {
        return generator.draft(new DraftRequest(prompt, "eraser", code, null, null, null, null), part -> {
        });
    }

    @Test
    void refiningKeepsTheIdsOfUntouchedComponents() {
        String code = draft("AWS architecture with CloudFront, an ALB, two services, SQS and Postgres", null).code();
        String refined = draft("add a Redis cache in front of Service 1. colour the services blue", code).code();
        assertThat(refined).contains("Redis Cache [icon: redis]").contains("Service 1 [icon: service, color: blue]");
        assertThat(refined).contains("Redis Cache > Service 1").contains("ALB > Redis Cache");
        for (String kept : new String[] { "CloudFront [icon: aws-cloudfront]", "SQS [icon: aws-sqs]",
                "Postgres [icon: postgresql]" }) {
            assertThat(refined).contains(kept);
        }
        String removed = draft("remove the queue", refined).code();
        assertThat(removed).doesNotContain("SQS").contains("Postgres");
    }

    @Test
    void aRefinementItCannotMakeIs422() {
        String code = draft("AWS with EC2 and RDS", null).code();
        assertThatThrownBy(() -> draft("make it prettier somehow", code))
            .isInstanceOfSatisfying(CodeSourceException.class, ex -> assertThat(ex.status()).isEqualTo(422));
    }

    /** Random text never breaks it: either code that parses or a 422. */
    @Test
    void randomPromptsGiveCodeThatParsesOrA422() {
        Random random = new Random(17);
        String[] words = { "aws", "service", "queue", "if", "then", "states", ":", ",", "->", "ER", "gantt", "Kafka",
                "sequence", "{", "[", "]", "\"", "|", "class", "extends", "x", "é", "数据库", "\n", "--", "a", "and" };
        for (int i = 0; i < 400; i++) {
            StringBuilder prompt = new StringBuilder();
            for (int w = random.nextInt(30); w >= 0; w--) {
                prompt.append(words[random.nextInt(words.length)]).append(random.nextBoolean() ? " " : "");
            }
            try {
                CodeDraft d = draft(prompt.toString(), null);
                var parsed = DiagramLanguages.find(d.language()).orElseThrow().parse(d.code());
                assertThat(parsed.errors()).as(prompt + "\n" + d.code()).isEmpty();
            }
            catch (CodeSourceException ex) {
                assertThat(ex.status()).isEqualTo(422);
            }
        }
    }

}
