package com.autograph.ai.icons;

import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import com.autograph.shared.error.ApiException;

/** The icon catalog, for the canvas's icon picker and for export. */
@RestController
@RequestMapping("/api/ai")
@Tag(name = "AI")
class IconsController {

    static final int MAX_LIMIT = 500;

    static final int MAX_QUERY = 100;

    record IconsResponse(List<Icon> icons, int total) {
    }

    private final IconCatalog catalog;

    IconsController(IconCatalog catalog) {
        this.catalog = catalog;
    }

    @Operation(summary = "Search the icon catalog",
            description = "Icon keys with names, aliases, category and provider (aws, azure, gcp, kubernetes, generic). "
                    + "Keys only: the canvas and export draw a labelled generic glyph for each.")
    @GetMapping("/icons")
    IconsResponse icons(
            @Parameter(description = "words of the key, name or an alias") @RequestParam(required = false,
                    defaultValue = "") String q,
            @RequestParam(required = false) String provider, @Parameter(
                    description = "at most this many, 1–" + MAX_LIMIT) @RequestParam(defaultValue = "50") int limit) {
        if (q.length() > MAX_QUERY) {
            throw new ApiException(HttpStatus.BAD_REQUEST, "query_too_long",
                    "The query is longer than " + MAX_QUERY + " characters.");
        }
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new ApiException(HttpStatus.BAD_REQUEST, "invalid_limit", "limit must be 1–" + MAX_LIMIT + ".");
        }
        if (provider != null && !IconCatalog.PROVIDERS.contains(provider)) {
            throw new ApiException(HttpStatus.BAD_REQUEST, "unknown_provider",
                    "provider must be one of " + IconCatalog.PROVIDERS.stream().sorted().toList() + ".");
        }
        List<Icon> all = catalog.search(q, provider, Integer.MAX_VALUE);
        return new IconsResponse(all.subList(0, Math.min(limit, all.size())), all.size());
    }

}
