package com.autograph.ai.provider;

import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.Semaphore;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

import com.autograph.ai.generate.CodeDraft;
import com.autograph.ai.generate.CodeSourceException;
import com.autograph.shared.error.ApiException;
import com.autograph.shared.security.TrustedIdentity;

/**
 * Image → diagram: a whiteboard photo, sketch or screenshot becomes diagram code, drafted
 * by the first configured provider that reads images. The code is returned as drafted;
 * the generate endpoints parse and lay it out.
 */
@RestController
@RequestMapping("/api/ai")
class ImageController {

    private static final int MAX_INSTRUCTION = 2000;

    private final ObjectProvider<ProviderChain> chain;

    private final ProviderSettings settings;

    private final Semaphore inFlight;

    ImageController(ObjectProvider<ProviderChain> chain, ProviderSettings settings) {
        this.chain = chain;
        this.settings = settings;
        this.inFlight = new Semaphore(settings.image().maxConcurrent());
    }

    /** What the model drew, which provider and model drew it, and what it cost. */
    record ImageDraft(String code, String language, String source, String model, int inputTokens, int outputTokens,
            double estimatedCostUsd) {

        static ImageDraft of(CodeDraft draft) {
            return new ImageDraft(draft.code(), draft.language(), draft.source(), draft.model(), draft.inputTokens(),
                    draft.outputTokens(), draft.estimatedCostUsd());
        }

    }

    @Operation(summary = "Draft diagram code from a picture (PNG, JPEG, GIF or WebP)",
            description = "Sends the picture to the first configured AI provider that reads images and returns the "
                    + "diagram code it drafted (Mermaid or the Eraser-style language), unparsed.")
    @ApiResponse(responseCode = "200", description = "The drafted code, its provider, model, tokens and cost.")
    @ApiResponse(responseCode = "413", description = "The picture is larger than autograph.ai.image.max-bytes.")
    @ApiResponse(responseCode = "415", description = "The picture is not PNG, JPEG, GIF or WebP.")
    @ApiResponse(responseCode = "422",
            description = "No configured provider reads images, or the picture shows no diagram.")
    @ApiResponse(responseCode = "429",
            description = "Too many pictures are being read at once, or the provider's rate limit; see Retry-After.")
    @ApiResponse(responseCode = "502", description = "Every provider failed; the problem names each and why.")
    @ApiResponse(responseCode = "504", description = "The providers timed out.")
    @PostMapping(path = "/image", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    ImageDraft draftFromImage(TrustedIdentity identity, @RequestPart("image") MultipartFile image,
            @RequestParam(defaultValue = "mermaid") String language, @RequestParam(required = false) String instruction,
            @RequestParam(required = false) String model) throws IOException {
        if (!language.equals(DiagramPrompts.MERMAID) && !language.equals(DiagramPrompts.ERASER)) {
            throw new ApiException(HttpStatus.BAD_REQUEST, "validation_failed", "language must be mermaid or eraser.");
        }
        if (instruction != null && instruction.length() > MAX_INSTRUCTION) {
            throw new ApiException(HttpStatus.BAD_REQUEST, "validation_failed",
                    "instruction must be at most " + MAX_INSTRUCTION + " characters.");
        }
        if (model != null && (model.isBlank() || model.length() > 128)) {
            throw new ApiException(HttpStatus.BAD_REQUEST, "validation_failed", "model must be 1 to 128 characters.");
        }
        ProviderChain providers = chain.getIfAvailable();
        if (providers == null) {
            throw new ApiException(HttpStatus.UNPROCESSABLE_CONTENT, "image_not_supported",
                    "No AI provider is configured (autograph.ai.providers); image to diagram needs one that reads images.");
        }
        long max = settings.image().maxBytes().toBytes();
        if (image.getSize() > max) {
            throw ImageInput.tooLarge(max);
        }
        if (!inFlight.tryAcquire()) {
            throw ApiException.tooManyRequests("images_busy",
                    "Too many pictures are being read at once; retry shortly.", 5);
        }
        try {
            return draft(providers, image, max, language, instruction, model);
        }
        finally {
            inFlight.release();
        }
    }

    private ImageDraft draft(ProviderChain providers, MultipartFile image, long max, String language,
            String instruction, String model) throws IOException {
        ImageInput input;
        try (InputStream in = image.getInputStream()) {
            byte[] bytes = in.readNBytes((int) Math.min(max + 1, Integer.MAX_VALUE - 8));
            if (bytes.length > max) {
                throw ImageInput.tooLarge(max);
            }
            input = ImageInput.of(bytes);
        }
        try {
            return ImageDraft.of(providers.draftFromImage(input, language, instruction, model, null));
        }
        catch (CodeSourceException ex) {
            HttpStatus status = HttpStatus.valueOf(ex.status());
            throw new ApiException(status,
                    status == HttpStatus.UNPROCESSABLE_CONTENT ? "image_not_supported"
                            : status == HttpStatus.BAD_REQUEST ? "validation_failed" : "ai_provider_failed",
                    ex.getMessage());
        }
    }

}
