package com.autograph.ai.provider;

import java.io.IOException;
import java.io.InputStream;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.concurrent.Semaphore;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.servlet.http.HttpServletRequest;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

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

    private final JsonMapper mapper;

    ImageController(ObjectProvider<ProviderChain> chain, ProviderSettings settings, JsonMapper mapper) {
        this.chain = chain;
        this.settings = settings;
        this.mapper = mapper;
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

    @Operation(summary = "Draft diagram code from a picture (PNG, JPEG, GIF or WebP), sent as a multipart form",
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
    @ImageRequestBody
    @PostMapping(path = "/image", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    ImageDraft draftFromImage(TrustedIdentity identity, @RequestPart("image") MultipartFile image,
            @RequestParam(defaultValue = "mermaid") String language, @RequestParam(required = false) String instruction,
            @RequestParam(required = false) String model) throws IOException {
        ProviderChain providers = checked(language, instruction, model);
        long max = settings.image().maxBytes().toBytes();
        if (image.getSize() > max) {
            throw ImageInput.tooLarge(max);
        }
        return withSlot(() -> {
            try (InputStream in = image.getInputStream()) {
                byte[] bytes = in.readNBytes((int) Math.min(max + 1, Integer.MAX_VALUE - 8));
                if (bytes.length > max) {
                    throw ImageInput.tooLarge(max);
                }
                return draft(providers, ImageInput.of(bytes), language, instruction, model);
            }
        });
    }

    /**
     * The multipart form of the request, for the API document (the settings are
     * parameters).
     */
    @Schema(name = "ImageFormRequest")
    record ImageFormRequest(@Schema(description = "The picture: PNG, JPEG, GIF or WebP.", type = "string",
            format = "binary", requiredMode = Schema.RequiredMode.REQUIRED) String image) {
    }

    /**
     * Both forms of the request body, on both methods: the two are one operation in the
     * API document, which springdoc gives the request body of one of them.
     */
    @Target(ElementType.METHOD)
    @Retention(RetentionPolicy.RUNTIME)
    @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true,
            content = {
                    @Content(mediaType = MediaType.MULTIPART_FORM_DATA_VALUE,
                            schema = @Schema(implementation = ImageFormRequest.class)),
                    @Content(mediaType = MediaType.APPLICATION_JSON_VALUE,
                            schema = @Schema(implementation = ImageJsonRequest.class)) })
    @interface ImageRequestBody {

    }

    /** The JSON form of the request: the picture as base64 beside the same settings. */
    @Schema(name = "ImageJsonRequest")
    record ImageJsonRequest(
            @Schema(description = "The picture, base64 (standard alphabet, padded).",
                    requiredMode = Schema.RequiredMode.REQUIRED) String imageBase64,
            @Schema(description = "image/png, image/jpeg, image/gif or image/webp; must match the picture's bytes.") String mediaType,
            @Schema(description = "mermaid (default) or eraser.") String language,
            @Schema(description = "What to draw, at most 2,000 characters.") String instruction,
            @Schema(description = "A model of a provider that reads images.") String model) {
    }

    @Operation(summary = "Draft diagram code from a picture sent as base64 in JSON",
            description = "The same as the multipart form, for clients that send JSON: "
                    + "{\"image_base64\": …, \"media_type\": \"image/png\", \"language\": …, "
                    + "\"instruction\": …, \"model\": …}. The size limit applies to the decoded picture and is "
                    + "checked on the encoded length before anything is decoded.")
    @ImageRequestBody
    @ApiResponse(responseCode = "200", description = "The drafted code, its provider, model, tokens and cost.")
    @ApiResponse(responseCode = "400", description = "Not JSON, no image_base64, or not base64.")
    @ApiResponse(responseCode = "413", description = "The picture is larger than autograph.ai.image.max-bytes.")
    @ApiResponse(responseCode = "415",
            description = "The picture is not PNG, JPEG, GIF or WebP, or not the media_type it is said to be.")
    @ApiResponse(responseCode = "422",
            description = "No configured provider reads images, or the picture shows no diagram.")
    @ApiResponse(responseCode = "429",
            description = "Too many pictures are being read at once, or the provider's rate limit; see Retry-After.")
    @ApiResponse(responseCode = "502", description = "Every provider failed; the problem names each and why.")
    @PostMapping(path = "/image", consumes = MediaType.APPLICATION_JSON_VALUE)
    ImageDraft draftFromImageJson(TrustedIdentity identity, HttpServletRequest request) throws IOException {
        long max = settings.image().maxBytes().toBytes();
        long encoded = ImageInput.base64Length(max);
        // The body: the encoded picture and a few short fields; anything longer is
        // refused unread.
        long limit = encoded + 4 * MAX_INSTRUCTION + 4096;
        if (request.getContentLengthLong() > limit) {
            throw ImageInput.tooLarge(max);
        }
        byte[] body = request.getInputStream().readNBytes((int) Math.min(limit + 1, Integer.MAX_VALUE - 8));
        if (body.length > limit) {
            throw ImageInput.tooLarge(max);
        }
        JsonNode json;
        try {
            json = mapper.readTree(body);
        }
        catch (JacksonException ex) {
            throw new ApiException(HttpStatus.BAD_REQUEST, "validation_failed", "The body is not valid JSON.");
        }
        String language = text(json, "language", "mermaid");
        String instruction = text(json, "instruction", null);
        String model = text(json, "model", null);
        ProviderChain providers = checked(language, instruction, model);
        String base64 = text(json, "image_base64", null);
        if (base64 == null || base64.isEmpty()) {
            throw new ApiException(HttpStatus.BAD_REQUEST, "validation_failed", "image_base64 is required.");
        }
        if (base64.length() > encoded) {
            throw ImageInput.tooLarge(max);
        }
        String declared = text(json, "media_type", null);
        return withSlot(() -> {
            ImageInput input = ImageInput.ofBase64(base64, declared, max);
            return draft(providers, input, language, instruction, model);
        });
    }

    private static String text(JsonNode json, String field, String otherwise) {
        JsonNode value = json.path(field);
        if (value.isMissingNode() || value.isNull()) {
            return otherwise;
        }
        if (!value.isString()) {
            throw new ApiException(HttpStatus.BAD_REQUEST, "validation_failed", field + " must be a string.");
        }
        return value.asString();
    }

    /** The settings every form shares, checked; the chain that will read the picture. */
    private ProviderChain checked(String language, String instruction, String model) {
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
        return providers;
    }

    private interface Work {

        ImageDraft run() throws IOException;

    }

    /** Runs {@code work} within the limit of pictures read at once (429 beyond). */
    private ImageDraft withSlot(Work work) throws IOException {
        if (!inFlight.tryAcquire()) {
            throw ApiException.tooManyRequests("images_busy",
                    "Too many pictures are being read at once; retry shortly.", 5);
        }
        try {
            return work.run();
        }
        finally {
            inFlight.release();
        }
    }

    private static ImageDraft draft(ProviderChain providers, ImageInput input, String language, String instruction,
            String model) {
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
