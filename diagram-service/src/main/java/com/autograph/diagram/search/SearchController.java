package com.autograph.diagram.search;

import io.swagger.v3.oas.annotations.Operation;

import org.springdoc.core.annotations.ParameterObject;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import com.autograph.diagram.access.Caller;
import com.autograph.diagram.file.FileQueries;
import com.autograph.diagram.file.ListParameters;
import com.autograph.shared.security.TrustedIdentity;

/**
 * {@code GET /api/diagrams/search}: the query and the list filters in, a ranked page out
 * ({@link FileSearch}).
 */
@RestController
@RequestMapping("/api/diagrams/search")
class SearchController {

    private final FileSearch search;

    SearchController(FileSearch search) {
        this.search = search;
    }

    @Operation(summary = "Search the files you can open")
    @GetMapping
    FileQueries.Page<FileSearch.Hit> search(TrustedIdentity identity, @RequestParam String q,
            @ParameterObject ListParameters filters) {
        return search.search(Caller.of(identity), q, filters);
    }

}
