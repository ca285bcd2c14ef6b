package com.autograph.ai.provider;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.Content;
import dev.langchain4j.data.message.ImageContent;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.TextContent;
import dev.langchain4j.data.message.UserMessage;

import com.autograph.ai.generate.DraftRequest;

/**
 * The messages sent to a model. The instructions and few-shot examples are text in
 * {@code provider-prompts/} (resources) so they can be read and tuned without Java.
 */
final class DiagramPrompts {

    static final String MERMAID = "mermaid";

    static final String ERASER = "eraser";

    private final String draftSystem;

    private final String mermaid;

    private final String eraser;

    private final String imageSystem;

    private final String proseSystem;

    DiagramPrompts() {
        this.draftSystem = resource("draft-system.md");
        this.mermaid = resource("language-mermaid.md");
        this.eraser = resource("language-eraser.md");
        this.imageSystem = resource("image-system.md");
        this.proseSystem = resource("prose-system.md");
    }

    /** "mermaid" unless the request asks for "eraser". */
    static String language(String requested) {
        return requested != null && requested.strip().toLowerCase(Locale.ROOT).equals(ERASER) ? ERASER : MERMAID;
    }

    List<ChatMessage> draft(DraftRequest request) {
        String language = language(request.language());
        StringBuilder user = new StringBuilder();
        user.append("Request:\n").append(request.prompt() == null ? "" : request.prompt().strip()).append('\n');
        if (request.currentCode() != null && !request.currentCode().isBlank()) {
            user.append("\nCurrent diagram (change it as requested):\n```")
                .append(language)
                .append('\n')
                .append(request.currentCode().strip())
                .append("\n```\n");
        }
        appendErrors(user, request.previousErrors());
        return List.of(SystemMessage.from(system(draftSystem, language)), UserMessage.from(user.toString()));
    }

    List<ChatMessage> image(ImageInput image, String language, String instruction, List<String> previousErrors) {
        String lang = language(language);
        StringBuilder text = new StringBuilder("Redraw this picture as ").append(lang).append(" code.\n");
        if (instruction != null && !instruction.isBlank()) {
            text.append("\nAlso: ").append(instruction.strip()).append('\n');
        }
        appendErrors(text, previousErrors);
        List<Content> parts = new ArrayList<>();
        parts.add(TextContent.from(text.toString()));
        parts.add(ImageContent.from(image.base64(), image.mediaType()));
        return List.of(SystemMessage.from(system(draftSystem + "\n" + imageSystem, lang)), UserMessage.from(parts));
    }

    List<ChatMessage> prose(String task, String diagramCode, String instruction) {
        StringBuilder user = new StringBuilder("Task: ").append(task)
            .append("\n\nDiagram:\n```\n")
            .append(diagramCode == null ? "" : diagramCode.strip())
            .append("\n```\n");
        if (instruction != null && !instruction.isBlank()) {
            user.append("\nThe user adds: ").append(instruction.strip()).append('\n');
        }
        return List.of(SystemMessage.from(proseSystem), UserMessage.from(user.toString()));
    }

    private String system(String instructions, String language) {
        return instructions + "\n" + (ERASER.equals(language) ? eraser : mermaid);
    }

    /** The parser's complaints about the last answer, so the model can correct itself. */
    private static void appendErrors(StringBuilder user, List<String> previousErrors) {
        if (previousErrors == null || previousErrors.isEmpty()) {
            return;
        }
        user.append("\nYour previous answer did not parse. The parser said:\n");
        previousErrors.stream().limit(20).forEach(error -> user.append("- ").append(error).append('\n'));
        user.append("Answer again with corrected code.\n");
    }

    private static String resource(String name) {
        try (InputStream in = DiagramPrompts.class.getResourceAsStream("/provider-prompts/" + name)) {
            if (in == null) {
                throw new IllegalStateException("missing resource provider-prompts/" + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

}
