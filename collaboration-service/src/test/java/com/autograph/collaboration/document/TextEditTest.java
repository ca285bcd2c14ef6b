package com.autograph.collaboration.document;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The server's transformation of concurrent text edits, as a seeded random loop: authors
 * edit the text as of some earlier sequence number, the server transforms each edit past
 * those applied since and applies it.
 */
class TextEditTest {

    private record Applied(int seq, TextEdit edit) {
    }

    @Test
    void concurrentInsertionsAllSurviveAndTheOriginalKeepsItsOrder() {
        for (long seed = 0; seed < 200; seed++) {
            Random random = new Random(seed);
            String original = "abcdefghij";
            List<String> history = new ArrayList<>(List.of(original));
            List<Applied> applied = new ArrayList<>();
            List<String> inserted = new ArrayList<>();
            for (int seq = 1; seq <= 30; seq++) {
                int base = random.nextInt(seq);
                String seen = history.get(base);
                // One character each, unique, so that no later insertion can land inside
                // it.
                String token = String.valueOf((char) ('\u0100' + seq));
                inserted.add(token);
                TextEdit edit = new TextEdit(random.nextInt(seen.length() + 1), 0, token);
                for (Applied earlier : applied) {
                    if (earlier.seq() > base) {
                        edit = edit.after(earlier.edit());
                    }
                }
                history.add(edit.applyTo(history.get(seq - 1)));
                applied.add(new Applied(seq, edit));
            }
            String result = history.get(history.size() - 1);
            for (String token : inserted) {
                assertThat(result).as("seed %d", seed).contains(token);
            }
            assertThat(result.replaceAll("[\u0100-\u01ff]", "")).as("seed %d", seed).isEqualTo(original);
        }
    }

    @Test
    void transformedEditsAlwaysFitTheTextAndNeverDeleteUnseenInsertions() {
        for (long seed = 0; seed < 300; seed++) {
            Random random = new Random(seed);
            List<String> history = new ArrayList<>(List.of("0123456789abcdefghij"));
            List<Applied> applied = new ArrayList<>();
            for (int seq = 1; seq <= 40; seq++) {
                int base = Math.max(0, seq - 1 - random.nextInt(4));
                String seen = history.get(base);
                int index = random.nextInt(seen.length() + 1);
                int delete = random.nextInt(Math.min(4, seen.length() - index) + 1);
                String token = random.nextBoolean() ? "" : "[" + seq + "]";
                TextEdit edit = new TextEdit(index, delete, token);
                String deletedText = seen.substring(index, index + delete);
                for (Applied earlier : applied) {
                    if (earlier.seq() > base) {
                        edit = edit.after(earlier.edit());
                    }
                }
                String before = history.get(seq - 1);
                String after = edit.applyTo(before);
                // What the transformed edit removes is text its author saw.
                String removed = before.substring(edit.index(), edit.end());
                assertThat(isSubsequence(removed, deletedText)).as("seed %d: %s of %s", seed, removed, deletedText)
                    .isTrue();
                for (Applied earlier : applied) {
                    if (earlier.seq() > base && !earlier.edit().insert().isEmpty()) {
                        assertThat(removed).as("seed %d", seed).doesNotContain(earlier.edit().insert());
                    }
                }
                history.add(after);
                applied.add(new Applied(seq, edit));
            }
        }
    }

    private static boolean isSubsequence(String part, String whole) {
        int at = 0;
        for (int i = 0; i < part.length(); i++) {
            at = whole.indexOf(part.charAt(i), at);
            if (at < 0) {
                return false;
            }
            at++;
        }
        return true;
    }

    @Test
    void anUndoRestoresTheTextAndRangesOutsideOrInsideACharacterAreRefused() {
        String text = "hello";
        TextEdit edit = new TextEdit(1, 3, "EY");
        String changed = edit.applyTo(text);
        assertThat(changed).isEqualTo("hEYo");
        assertThat(edit.inverse(text).applyTo(changed)).isEqualTo(text);
        assertThatThrownBy(() -> new TextEdit(4, 3, "").applyTo(text)).isInstanceOf(OperationRefused.class);
        assertThat(new TextEdit(1, 0, "x").applyTo("a\uD83D\uDE00b")).isEqualTo("ax\uD83D\uDE00b");
        assertThatThrownBy(() -> new TextEdit(2, 0, "x").applyTo("a\uD83D\uDE00b"))
            .isInstanceOf(OperationRefused.class);
    }

}
