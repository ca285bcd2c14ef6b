package com.autograph.ai.provider;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Takes the diagram code out of a model's answer: the fenced block for the language
 * (```mermaid), else the first fenced block, else the whole answer. An answer cut off
 * inside a block (the token limit) gives the block so far. Whether the code parses is the
 * pipeline's business.
 */
final class CodeBlocks {

    private static final Pattern FENCE = Pattern.compile("(?m)^[ \\t]*+(`{3,}+|~{3,}+)[ \\t]*+([\\w+-]*+)[^\\n]*+\\n");

    private CodeBlocks() {
    }

    static String extract(String answer, String language) {
        if (answer == null) {
            return "";
        }
        String first = null;
        Matcher open = FENCE.matcher(answer);
        int from = 0;
        while (open.find(from)) {
            String fence = open.group(1);
            String info = open.group(2);
            int start = open.end();
            Matcher close = Pattern.compile("(?m)^[ \\t]*+" + Pattern.quote(fence) + "[ \\t]*+$").matcher(answer);
            boolean closed = close.find(start);
            String body = closed ? answer.substring(start, close.start()) : answer.substring(start);
            body = body.strip();
            if (info.equalsIgnoreCase(language)) {
                return body;
            }
            if (first == null) {
                first = body;
            }
            if (!closed) {
                break;
            }
            from = close.end();
        }
        return first != null ? first : answer.strip();
    }

}
