package com.autograph.diagram.search;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonUnwrapped;

import io.swagger.v3.oas.annotations.Operation;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import com.autograph.diagram.access.AccessPolicy;
import com.autograph.diagram.access.Caller;
import com.autograph.diagram.file.FileController;
import com.autograph.diagram.file.FileQueries;
import com.autograph.diagram.file.FileQuery;
import com.autograph.diagram.file.FileSummary;
import com.autograph.diagram.web.Parameters;
import com.autograph.shared.security.TrustedIdentity;
import com.autograph.shared.text.Text;

/**
 * Typo-tolerant search over titles, note content and the text inside canvas shapes, ranked (title
 * matches weigh most), with the list filters, and with snippets showing where each result matched.
 * Each query word is first corrected against the word dictionary ({@link SearchDictionary}); files
 * are then found through their full-text vectors' GIN index, intersected with the caller's
 * visibility, and only the requested page is read in full.
 */
@RestController
@RequestMapping("/api/diagrams/search")
class SearchController {

    static final int MAX_QUERY_LENGTH = 200;

    record Highlight(String field, String snippet) {
    }

    record Hit(@JsonUnwrapped FileSummary file, double score, List<Highlight> highlights) {
    }

    private final JdbcClient jdbc;
    private final AccessPolicy access;
    private final SearchDictionary dictionary;

    SearchController(JdbcClient jdbc, AccessPolicy access, SearchDictionary dictionary) {
        this.jdbc = jdbc;
        this.access = access;
        this.dictionary = dictionary;
    }

    @Operation(summary = "Search the files you can open")
    @GetMapping
    @Transactional(readOnly = true)
    FileQueries.Page<Hit> search(TrustedIdentity identity, @RequestParam String q,
            @RequestParam(defaultValue = "all") String view,
            @RequestParam(required = false) String type,
            @RequestParam(required = false) String owner,
            @RequestParam(name = "folder_id", required = false) String folderId,
            @RequestParam(required = false) UUID tag,
            @RequestParam(required = false) Boolean starred,
            @RequestParam(name = "team_id", required = false) UUID teamId,
            @RequestParam(name = "created_after", required = false) Instant createdAfter,
            @RequestParam(name = "created_before", required = false) Instant createdBefore,
            @RequestParam(name = "updated_after", required = false) Instant updatedAfter,
            @RequestParam(name = "updated_before", required = false) Instant updatedBefore,
            @RequestParam(defaultValue = "0") int page,
            @RequestParam(defaultValue = "20") int size) {
        String query = q.strip();
        if (query.isEmpty() || Text.length(query) > MAX_QUERY_LENGTH) {
            throw Parameters.invalid("q", "must be 1 to " + MAX_QUERY_LENGTH + " characters");
        }
        Caller caller = Caller.of(identity);
        FileQuery filters = FileController.query(caller, view, type, owner, folderId, tag, starred, teamId, createdAfter,
                createdBefore, updatedAfter, updatedBefore, "updated", null, page, size);
        // Plans for the match (how many files have these words) and the visibility (how many files
        // the caller sees) depend on the values: plan each search for its own, never generically.
        jdbc.sql("SELECT set_config('plan_cache_mode', 'force_custom_plan', true)").query(String.class).single();
        SearchTerms terms = dictionary.terms(query);
        if (terms.isEmpty()) {
            return new FileQueries.Page<>(List.of(), filters.page(), filters.size(), 0); // no word in it ("!!!")
        }

        Map<String, Object> params = access.parameters(caller);
        params.put("match", terms.matchQuery());
        String matching = " FROM files f" + FileQueries.where(filters, params)
                + " AND f.search_vector @@ CAST(:match AS tsquery)";
        params.put("limit", filters.size());
        params.put("offset", (long) filters.page() * filters.size());
        // The page first (ids, scores and the total from the vectors alone), then its summaries.
        String hits = "hits AS (SELECT f.id, f.updated_at, " + terms.scoreSql(params)
                + " AS score, count(*) OVER () AS total" + matching
                + " ORDER BY score DESC, f.updated_at DESC, f.id LIMIT :limit OFFSET :offset)";
        long[] total = { 0 };
        Set<String> matched = terms.words();
        List<Hit> items = jdbc.sql(AccessPolicy.withFolderLevels() + ", " + hits + " SELECT " + FileQueries.SUMMARY_COLUMNS
                + ", h.score, h.total, f.search_text, f.note_content FROM hits h JOIN files f ON f.id = h.id"
                + " LEFT JOIN file_views fv ON fv.file_id = f.id AND fv.user_id = :me"
                + " ORDER BY h.score DESC, h.updated_at DESC, h.id").params(params)
                .query((rs, row) -> {
                    total[0] = rs.getLong("total");
                    FileSummary summary = FileQueries.summary(rs, row);
                    Map<String, String> texts = new LinkedHashMap<>();
                    texts.put("title", summary.title());
                    texts.put("canvas", rs.getString("search_text"));
                    texts.put("note_content", rs.getString("note_content"));
                    List<Highlight> highlights = new ArrayList<>();
                    texts.forEach((field, text) -> {
                        String snippet = Highlighter.highlight(text, query, matched);
                        if (snippet != null) {
                            highlights.add(new Highlight(field, snippet));
                        }
                    });
                    return new Hit(summary, Math.round(rs.getDouble("score") * 1000) / 1000.0, highlights);
                }).list();
        if (items.isEmpty() && filters.page() > 0) {
            // Past the last page: no row carried the total.
            total[0] = jdbc.sql(AccessPolicy.withFolderLevels() + "SELECT count(*)" + matching).params(params)
                    .query(Long.class).single();
        }
        return new FileQueries.Page<>(items, filters.page(), filters.size(), total[0]);
    }
}
