package com.autograph.ai.generate;

import com.autograph.document.DiagramDocument;

/**
 * One generation or refinement to run: the prompt (or instruction), the source asked for
 * ({@code provider} null for the default, "offline" to force the rule-based generator),
 * its optional model, temperature and token budget, and when refining the current
 * document with its code and language.
 */
public record GenerateCommand(String prompt, String provider, String model, Double temperature, Integer maxTokens,
        DiagramDocument current, String currentCode, String currentLanguage) {

    public static GenerateCommand of(String prompt, String provider) {
        return new GenerateCommand(prompt, provider, null, null, null, null, null, null);
    }

    boolean refining() {
        return currentCode != null;
    }

}
