package com.autograph.diagram;

import java.net.http.HttpResponse;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Typo-tolerant, ranked search over titles, shape text and notes, only over what the
 * caller may see.
 */
class SearchApiTest extends DiagramApiTestBase {

    @Test
    void findsKubernetesDespiteTheTypoWhereverItIs() {
        Api.User a = newUser();
        Api.User b = newUser();
        String byTitle = createFileJson(a, "{\"title\": \"Kubernetes cluster\", \"type\": \"canvas\"}");
        String byShape = createFileJson(a, """
                {"title": "Ingress", "type": "canvas", "canvas_data": {"schema_version": 1, "shapes": [
                  {"id": "k", "type": "rectangle", "text": "Kubernetes ingress controller"}]}}""");
        String byNote = createFileJson(a,
                "{\"title\": \"Runbook\", \"type\": \"note\", \"note_content\": \"Restart the kubernetes pods first.\"}");
        createFileJson(a, "{\"title\": \"Billing\", \"type\": \"note\", \"note_content\": \"Invoices\"}");
        String othersFile = createFileJson(b, "{\"title\": \"Kubernetes secrets\", \"type\": \"canvas\"}");

        HttpResponse<String> found = api.get(a, "/api/diagrams/search?q=kubernets");
        assertThat(found.statusCode()).as(found.body()).isEqualTo(200);
        List<String> ids = read(found, "$.items[*].id");
        assertThat(ids).containsExactlyInAnyOrder(byTitle, byShape, byNote).doesNotContain(othersFile);
        assertThat(ids.getFirst()).isEqualTo(byTitle);
        assertThat((Integer) read(found, "$.total")).isEqualTo(3);
        assertThat(read(found, "$.items[0].highlights[0].field").toString()).isEqualTo("title");
        assertThat(read(found, "$.items[0].highlights[0].snippet").toString())
            .isEqualTo("<mark>Kubernetes</mark> cluster");
        assertThat(found.body()).contains("\"field\":\"canvas\"", "<mark>Kubernetes</mark> ingress controller",
                "Restart the <mark>kubernetes</mark> pods first.");

        assertThat((List<String>) read(api.get(a, "/api/diagrams/search?q=kubernets&type=note"), "$.items[*].id"))
            .containsExactly(byNote);
        assertProblem(api.get(a, "/api/diagrams/search?q=%20"), 400, "invalid_parameter");
        assertProblem(api.get(a, "/api/diagrams/search?q=x&page=-1"), 400, "invalid_parameter");
    }

    @Test
    void everyWordMustMatchAndCloserSpellingsAndBetterPlacesRankFirst() {
        Api.User a = newUser();
        String exactTitle = createFileJson(a, "{\"title\": \"Zanzibar gateway\", \"type\": \"canvas\"}");
        String longerTitle = createFileJson(a, "{\"title\": \"Zanzibarian gateway\", \"type\": \"canvas\"}");
        String inShape = createFileJson(a, """
                {"title": "Edge", "type": "canvas", "canvas_data": {"schema_version": 1, "shapes": [
                  {"id": "z", "type": "rectangle", "text": "Zanzibar gateway"}]}}""");
        String inNote = createFileJson(a,
                "{\"title\": \"Runbook\", \"type\": \"note\", \"note_content\": \"The Zanzibar gateway restarts at night.\"}");
        String oneWordOnly = createFileJson(a, "{\"title\": \"Zanzibar ferry\", \"type\": \"canvas\"}");

        HttpResponse<String> found = api.get(a, "/api/diagrams/search?q=zanzibar%20gatewy");
        assertThat(found.statusCode()).as(found.body()).isEqualTo(200);
        // Both words (one with a typo) must be there; the exact title first, then the
        // longer
        // spelling in a title, then shape text, then the note.
        assertThat((List<String>) read(found, "$.items[*].id"))
            .containsExactly(exactTitle, longerTitle, inShape, inNote)
            .doesNotContain(oneWordOnly);
        List<Double> scores = read(found, "$.items[*].score");
        assertThat(scores).isSortedAccordingTo(Comparator.reverseOrder());
        assertThat(scores.get(0)).isGreaterThan(scores.get(1));
        assertThat(scores.get(1)).isGreaterThan(scores.get(2));
        assertThat(scores.get(2)).isGreaterThan(scores.get(3));
        assertThat(read(found, "$.items[0].highlights[0].snippet").toString())
            .isEqualTo("<mark>Zanzibar</mark> <mark>gateway</mark>");
        assertThat(read(found, "$.items[1].highlights[0].snippet").toString())
            .isEqualTo("<mark>Zanzibarian</mark> <mark>gateway</mark>");
    }

    @Test
    void searchFollowsEditsSharesAndTheTrash() {
        Api.User a = newUser();
        Api.User b = newUser();
        String id = createFileJson(b, "{\"title\": \"Quetzal pipeline\", \"type\": \"canvas\"}");
        assertThat(searchIds(a, "quetzl")).isEmpty();

        assertThat(api.put(b, "/api/diagrams/" + id + "/shares/users/" + a.id(), "{\"permission\": \"view\"}")
            .statusCode()).isEqualTo(200);
        assertThat(searchIds(a, "quetzl")).containsExactly(id);
        assertThat(searchIds(a, "quetzl&view=shared")).containsExactly(id);

        HttpResponse<String> renamed = api.patch(b, "/api/diagrams/" + id, "{\"title\": \"Axolotl pipeline\"}",
                "\"0\"");
        assertThat(renamed.statusCode()).as(renamed.body()).isEqualTo(200);
        assertThat(searchIds(a, "quetzl")).isEmpty();
        assertThat(searchIds(a, "axolotl")).containsExactly(id);

        assertThat(api.delete(b, "/api/diagrams/" + id + "/shares/users/" + a.id()).statusCode()).isEqualTo(204);
        assertThat(searchIds(a, "axolotl")).isEmpty();

        assertThat(api.delete(b, "/api/diagrams/" + id).statusCode()).isEqualTo(204);
        assertThat(searchIds(b, "axolotl")).isEmpty();
        assertThat(searchIds(b, "axolotl&view=trash")).containsExactly(id);
    }

    @Test
    void teamAndFolderGrantsReachSearchToo() {
        UUID team = newTeam();
        Api.User owner = newUser().withTeam(team, "editor");
        Api.User member = newUser().withTeam(team, "viewer");
        Api.User outsider = newUser();
        String teamFile = createFileJson(owner,
                "{\"title\": \"Capybara team map\", \"type\": \"canvas\", \"team_id\": \"" + team + "\"}");
        String folderId = read(api.post(owner, "/api/diagrams/folders", "{\"name\": \"Shared stuff\"}"), "$.id");
        String inFolder = createFileJson(owner,
                "{\"title\": \"Capybara folder map\", \"type\": \"canvas\", \"folder_id\": \"" + folderId + "\"}");

        assertThat(searchIds(member, "capybra")).containsExactly(teamFile);
        assertThat(searchIds(outsider, "capybra")).isEmpty();
        assertThat(api
            .put(owner, "/api/diagrams/folders/" + folderId + "/shares/users/" + outsider.id(),
                    "{\"permission\": \"view\"}")
            .statusCode()).isEqualTo(204);
        assertThat(searchIds(outsider, "capybra")).containsExactly(inFolder);
        assertThat(searchIds(owner, "capybra")).containsExactlyInAnyOrder(teamFile, inFolder);
        assertThat(searchIds(owner, "capybra&folder_id=" + folderId)).containsExactly(inFolder);
    }

    @Test
    void pagesCarryTheTotalAndOddQueriesAreHandled() {
        Api.User a = newUser();
        for (int i = 0; i < 3; i++) {
            createFileJson(a, "{\"title\": \"Wombat burrow " + i + "\", \"type\": \"canvas\"}");
        }
        HttpResponse<String> second = api.get(a, "/api/diagrams/search?q=wombat&size=2&page=1");
        assertThat((List<String>) read(second, "$.items[*].id")).hasSize(1);
        assertThat((Integer) read(second, "$.total")).isEqualTo(3);
        HttpResponse<String> beyond = api.get(a, "/api/diagrams/search?q=wombat&size=2&page=5");
        assertThat((List<String>) read(beyond, "$.items")).isEmpty();
        assertThat((Integer) read(beyond, "$.total")).isEqualTo(3);

        // Quotes, backslashes and tsquery operators in a query are separators or words,
        // never syntax.
        String odd = createFileJson(a, "{\"title\": \"O'Numbat's \\\\ share | & !\", \"type\": \"canvas\"}");
        for (String q : List.of("o'numbat's", "numbat%20%5C%5C", "%7C%20%26%20!%20numbat", "%27numbat%27%3A*")) {
            HttpResponse<String> found = api.get(a, "/api/diagrams/search?q=" + q);
            assertThat(found.statusCode()).as(q + ": " + found.body()).isEqualTo(200);
            assertThat((List<String>) read(found, "$.items[*].id")).as(q).containsExactly(odd);
        }
        HttpResponse<String> noWords = api.get(a, "/api/diagrams/search?q=%21%21%21");
        assertThat(noWords.statusCode()).isEqualTo(200);
        assertThat((Integer) read(noWords, "$.total")).isZero();
        String seventeenWords = java.util.stream.IntStream.rangeClosed(1, 17)
            .mapToObj(i -> "w" + i)
            .collect(java.util.stream.Collectors.joining("%20"));
        assertProblem(api.get(a, "/api/diagrams/search?q=" + seventeenWords), 400, "invalid_parameter");
    }

    @Test
    void searchUsesTheWordDictionaryAndTheFullTextIndex() throws Exception {
        try (java.sql.Connection connection = dataSource.getConnection();
                java.sql.Statement statement = connection.createStatement()) {
            connection.setAutoCommit(false);
            try {
                // A dictionary of a realistic size (rolled back): the planner picks the
                // trigram index.
                statement.execute(
                        "INSERT INTO search_words SELECT 'word' || g FROM generate_series(1, 20000) g ON CONFLICT DO NOTHING");
                statement.execute("ANALYZE search_words");
                assertThat(plan(statement, "SELECT word FROM search_words WHERE 'kubernets' <% word"))
                    .contains("search_words_word_trgm_idx");
                // On a small files table the planner prefers a scan; without scans the
                // plan shows
                // that the full-text index serves the match.
                statement.execute("SET LOCAL enable_seqscan = off");
                assertThat(plan(statement,
                        "SELECT id FROM files f WHERE f.search_vector @@ '''kubernetes'' | ''kubernetes2'''::tsquery"))
                    .contains("files_search_vector_idx");
            }
            finally {
                connection.rollback();
                connection.setAutoCommit(true);
            }
        }
    }

    private List<String> searchIds(Api.User user, String query) {
        HttpResponse<String> response = api.get(user, "/api/diagrams/search?q=" + query);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return read(response, "$.items[*].id");
    }

    private static String plan(java.sql.Statement statement, String sql) throws Exception {
        StringBuilder plan = new StringBuilder();
        try (java.sql.ResultSet rs = statement.executeQuery("EXPLAIN " + sql)) {
            while (rs.next()) {
                plan.append(rs.getString(1)).append('\n');
            }
        }
        return plan.toString();
    }

    @org.springframework.beans.factory.annotation.Autowired
    javax.sql.DataSource dataSource;

}
