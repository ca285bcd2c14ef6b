package com.autograph.diagram.search;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonUnwrapped;

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

/**
 * Typo-tolerant search over titles, note content and the text inside canvas shapes (pg_trgm word
 * similarity, served by the trigram GIN indexes), ranked (title matches weigh most), with the
 * list filters, and with snippets showing where each result matched.
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

    SearchController(JdbcClient jdbc, AccessPolicy access) {
        this.jdbc = jdbc;
        this.access = access;
    }

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
        if (query.isEmpty() || query.length() > MAX_QUERY_LENGTH) {
            throw Parameters.invalid("q", "must be 1 to " + MAX_QUERY_LENGTH + " characters");
        }
        Caller caller = Caller.of(identity);
        FileQuery filters = FileController.query(caller, view, type, owner, folderId, tag, starred, teamId, createdAfter,
                createdBefore, updatedAfter, updatedBefore, "updated", null, page, size);
        Map<String, Object> params = access.parameters(caller);
        params.put("q", query);
        // <% is "word similar": the query is close to some run of words of the text (typos included).
        String where = FileQueries.where(filters, params)
                + " AND (:q <% f.title OR :q <% f.search_text OR :q <% f.note_content)";
        String score = "GREATEST(word_similarity(:q, f.title) * 1.5, word_similarity(:q, f.search_text),"
                + " word_similarity(:q, f.note_content) * 0.8)";
        long total = jdbc.sql(AccessPolicy.withFolderLevels() + "SELECT count(*)" + FileQueries.SUMMARY_FROM + where)
                .params(params).query(Long.class).single();
        params.put("limit", filters.size());
        params.put("offset", (long) filters.page() * filters.size());
        List<Hit> hits = jdbc.sql(AccessPolicy.withFolderLevels() + "SELECT " + FileQueries.SUMMARY_COLUMNS + ", "
                + score + " AS score, f.search_text, f.note_content" + FileQueries.SUMMARY_FROM + where
                + " ORDER BY score DESC, f.updated_at DESC, f.id LIMIT :limit OFFSET :offset").params(params)
                .query((rs, row) -> {
                    FileSummary summary = FileQueries.summary(rs, row);
                    Map<String, String> texts = new LinkedHashMap<>();
                    texts.put("title", summary.title());
                    texts.put("canvas", rs.getString("search_text"));
                    texts.put("note_content", rs.getString("note_content"));
                    List<Highlight> highlights = new ArrayList<>();
                    texts.forEach((field, text) -> {
                        String snippet = Highlighter.highlight(text, query);
                        if (snippet != null) {
                            highlights.add(new Highlight(field, snippet));
                        }
                    });
                    return new Hit(summary, Math.round(rs.getDouble("score") * 1000) / 1000.0, highlights);
                }).list();
        return new FileQueries.Page<>(hits, filters.page(), filters.size(), total);
    }
}
