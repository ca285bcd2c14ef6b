package com.autograph.diagram;

import java.net.http.HttpResponse;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Typo-tolerant, ranked search over titles, shape text and notes, only over what the caller may see. */
class SearchApiTest extends DiagramApiTestBase {

    @Test
    void findsKubernetesDespiteTheTypoWhereverItIs() {
        Api.User a = newUser();
        Api.User b = newUser();
        String byTitle = createFileJson(a, "{\"title\": \"Kubernetes cluster\", \"type\": \"canvas\"}");
        String byShape = createFileJson(a, """
                {"title": "Ingress", "type": "canvas", "canvas_data": {"schema_version": 1, "shapes": [
                  {"id": "k", "type": "rectangle", "text": "Kubernetes ingress controller"}]}}""");
        String byNote = createFileJson(a, "{\"title\": \"Runbook\", \"type\": \"note\", \"note_content\": \"Restart the kubernetes pods first.\"}");
        createFileJson(a, "{\"title\": \"Billing\", \"type\": \"note\", \"note_content\": \"Invoices\"}");
        String othersFile = createFileJson(b, "{\"title\": \"Kubernetes secrets\", \"type\": \"canvas\"}");

        HttpResponse<String> found = api.get(a, "/api/diagrams/search?q=kubernets");
        assertThat(found.statusCode()).as(found.body()).isEqualTo(200);
        List<String> ids = read(found, "$.items[*].id");
        assertThat(ids).containsExactlyInAnyOrder(byTitle, byShape, byNote).doesNotContain(othersFile);
        assertThat(ids.getFirst()).isEqualTo(byTitle);
        assertThat((Integer) read(found, "$.total")).isEqualTo(3);
        assertThat(read(found, "$.items[0].highlights[0].field").toString()).isEqualTo("title");
        assertThat(read(found, "$.items[0].highlights[0].snippet").toString()).isEqualTo("<mark>Kubernetes</mark> cluster");
        assertThat(found.body()).contains("\"field\":\"canvas\"", "<mark>Kubernetes</mark> ingress controller",
                "Restart the <mark>kubernetes</mark> pods first.");

        assertThat((List<String>) read(api.get(a, "/api/diagrams/search?q=kubernets&type=note"), "$.items[*].id"))
                .containsExactly(byNote);
        assertProblem(api.get(a, "/api/diagrams/search?q=%20"), 400, "invalid_parameter");
        assertProblem(api.get(a, "/api/diagrams/search?q=x&page=-1"), 400, "invalid_parameter");
    }

    @Test
    void searchUsesTheTrigramIndexes() throws Exception {
        // On a small table the planner prefers a scan; with scans disabled (on this connection only)
        // the plan shows that the index can serve the search predicate.
        StringBuilder plan = new StringBuilder();
        try (java.sql.Connection connection = dataSource.getConnection(); java.sql.Statement statement = connection.createStatement()) {
            statement.execute("SET enable_seqscan = off");
            try (java.sql.ResultSet rs = statement.executeQuery("EXPLAIN SELECT id FROM files f WHERE 'kubernets' <% f.search_text")) {
                while (rs.next()) {
                    plan.append(rs.getString(1)).append('\n');
                }
            }
            statement.execute("RESET enable_seqscan");
        }
        assertThat(plan.toString()).contains("files_search_text_trgm_idx");
    }

    @org.springframework.beans.factory.annotation.Autowired
    javax.sql.DataSource dataSource;
}
