package com.autograph.diagram.search;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonUnwrapped;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import com.autograph.diagram.access.Caller;
import com.autograph.diagram.file.FileQueries;
import com.autograph.diagram.file.FileQuery;
import com.autograph.diagram.file.FileSummary;
import com.autograph.diagram.file.ListParameters;
import com.autograph.diagram.web.Parameters;
import com.autograph.shared.text.Text;

/**
 * Typo-tolerant search over titles, note content and the text inside canvas shapes,
 * ranked (title matches weigh most), with the list filters, and with snippets showing
 * where each result matched. Each query word is first corrected against the word
 * dictionary ({@link SearchDictionary}); files are then found through their full-text
 * vectors' GIN index, intersected with the files the filters select
 * ({@link FileQueries#select}, which holds the caller's visibility), and only the
 * requested page is read in full. The vectors and the dictionary are kept by triggers
 * (V6__search.sql).
 */
@Component
class FileSearch {

    static final int MAX_QUERY_LENGTH = 200;

    record Highlight(String field, String snippet) {
    }

    record Hit(@JsonUnwrapped FileSummary file, double score, List<Highlight> highlights) {
    }

    /** One ranked file of the page, with the texts its highlights come from. */
    private record Ranked(UUID id, double score, String canvasText, String noteContent) {
    }

    private final JdbcClient jdbc;

    private final FileQueries files;

    private final SearchDictionary dictionary;

    FileSearch(JdbcClient jdbc, FileQueries files, SearchDictionary dictionary) {
        this.jdbc = jdbc;
        this.files = files;
        this.dictionary = dictionary;
    }

    /**
     * One page of the files matching {@code q} among those the parameters select (400
     * naming the first bad parameter, {@code q} first).
     */
    @Transactional(readOnly = true)
    FileQueries.Page<Hit> search(Caller caller, String q, ListParameters parameters) {
        String query = q.strip();
        if (query.isEmpty() || Text.length(query) > MAX_QUERY_LENGTH) {
            throw Parameters.invalid("q", "must be 1 to " + MAX_QUERY_LENGTH + " characters");
        }
        FileQuery filters = parameters.query(caller);
        // Plans for the match (how many files have these words) and the visibility (how
        // many files
        // the caller sees) depend on the values: plan each search for its own, never
        // generically.
        jdbc.sql("SELECT set_config('plan_cache_mode', 'force_custom_plan', true)").query(String.class).single();
        SearchTerms terms = dictionary.terms(query);
        if (terms.isEmpty()) {
            return new FileQueries.Page<>(List.of(), filters.page(), filters.size(), 0); // no
                                                                                         // word
                                                                                         // in
                                                                                         // it
                                                                                         // ("!!!")
        }

        FileQueries.Selection selection = files.select(caller, filters);
        Map<String, Object> params = new HashMap<>(selection.parameters());
        params.put("match", terms.matchQuery());
        String matching = " FROM files f" + selection.where() + " AND f.search_vector @@ CAST(:match AS tsquery)";
        params.put("limit", filters.size());
        params.put("offset", (long) filters.page() * filters.size());
        // The page first (ids, scores and the total from the vectors alone), then its
        // texts.
        String hits = ", hits AS (SELECT f.id, f.updated_at, " + terms.scoreSql(params)
                + " AS score, count(*) OVER () AS total" + matching
                + " ORDER BY score DESC, f.updated_at DESC, f.id LIMIT :limit OFFSET :offset)";
        long[] total = { 0 };
        List<Ranked> page = jdbc.sql(selection.with() + hits
                + " SELECT h.id, h.score, h.total, f.search_text, f.note_content FROM hits h JOIN files f ON f.id = h.id"
                + " ORDER BY h.score DESC, h.updated_at DESC, h.id")
            .params(params)
            .query((rs, row) -> {
                total[0] = rs.getLong("total");
                return new Ranked(rs.getObject("id", UUID.class), rs.getDouble("score"), rs.getString("search_text"),
                        rs.getString("note_content"));
            })
            .list();
        if (page.isEmpty() && filters.page() > 0) {
            // Past the last page: no row carried the total.
            total[0] = jdbc.sql(selection.with() + "SELECT count(*)" + matching)
                .params(params)
                .query(Long.class)
                .single();
        }
        // A file deleted for good since the statement above has no summary and drops out.
        Map<UUID, FileSummary> summaries = new HashMap<>();
        files.summaries(caller, page.stream().map(Ranked::id).toList()).forEach(s -> summaries.put(s.id(), s));
        Set<String> matched = terms.words();
        List<Hit> items = new ArrayList<>();
        for (Ranked ranked : page) {
            FileSummary summary = summaries.get(ranked.id());
            if (summary != null) {
                items.add(new Hit(summary, Math.round(ranked.score() * 1000) / 1000.0,
                        highlights(query, matched, summary.title(), ranked)));
            }
        }
        return new FileQueries.Page<>(items, filters.page(), filters.size(), total[0]);
    }

    private static List<Highlight> highlights(String query, Set<String> matched, String title, Ranked ranked) {
        Map<String, String> texts = new LinkedHashMap<>();
        texts.put("title", title);
        texts.put("canvas", ranked.canvasText());
        texts.put("note_content", ranked.noteContent());
        List<Highlight> highlights = new ArrayList<>();
        texts.forEach((field, text) -> {
            String snippet = Highlighter.highlight(text, query, matched);
            if (snippet != null) {
                highlights.add(new Highlight(field, snippet));
            }
        });
        return highlights;
    }

}
