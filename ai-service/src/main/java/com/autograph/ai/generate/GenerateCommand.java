package com.autograph.ai.generate;

import java.util.List;

import com.autograph.document.DiagramDocument;

/**
 * One generation or refinement to run: the prompt (or instruction), the source asked for
 * ({@code provider} null for the default, "offline" to force the rule-based generator),
 * its optional model, temperature and token budget, and when refining the current
 * document with its code and language and the instructions given for it before
 * ({@code context}, oldest first: already applied, told to model providers so they keep
 * to them; the rule-based generator needs only the current code).
 */
public record GenerateCommand(String prompt, String provider, String model, Double temperature, Integer maxTokens,
        DiagramDocument current, String currentCode, String currentLanguage, List<String> context) {

    public GenerateCommand {
        context = context == null ? List.of() : List.copyOf(context);
    }

    public static GenerateCommand of(String prompt, String provider) {
        return new GenerateCommand(prompt, provider, null, null, null, null, null, null, List.of());
    }

    boolean refining() {
        return currentCode != null;
    }

}
