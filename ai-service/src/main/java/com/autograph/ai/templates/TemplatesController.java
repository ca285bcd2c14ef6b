package com.autograph.ai.templates;

import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Prompt templates with their reference diagrams. */
@RestController
@RequestMapping("/api/ai")
@Tag(name = "AI")
class TemplatesController {

    record TemplatesResponse(List<PromptTemplates.Template> templates) {
    }

    private final PromptTemplates templates;

    TemplatesController(PromptTemplates templates) {
        this.templates = templates;
    }

    @Operation(summary = "Prompt templates and reference diagrams",
            description = "Ready prompts per kind of diagram and domain, each with its reference diagram as code: "
                    + "what the offline generator draws for it, and the few-shot examples given to model providers.")
    @GetMapping("/templates")
    TemplatesResponse list() {
        return new TemplatesResponse(templates.all());
    }

}
