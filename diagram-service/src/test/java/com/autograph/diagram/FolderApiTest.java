package com.autograph.diagram;

import java.net.http.HttpResponse;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Folders: nesting, breadcrumbs, moves without cycles, deletion to the trash, the tree,
 * inherited shares.
 */
class FolderApiTest extends DiagramApiTestBase {

    private String folder(Api.User user, String name, String parent) {
        HttpResponse<String> created = api.post(user, "/api/diagrams/folders",
                "{\"name\": \"" + name + "\"" + (parent == null ? "" : ", \"parent_id\": \"" + parent + "\"")
                        + ", \"color\": \"#1971c2\", \"icon\": \"folder\"}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return read(created, "$.id");
    }

    @Test
    void nestedFoldersHaveBreadcrumbsAndRefuseCycles() {
        Api.User a = newUser();
        String top = folder(a, "Architecture", null);
        String mid = folder(a, "Backend", top);
        String leaf = folder(a, "Payments", mid);

        HttpResponse<String> got = api.get(a, "/api/diagrams/folders/" + leaf);
        assertThat((List<String>) read(got, "$.path[*].name")).containsExactly("Architecture", "Backend", "Payments");
        assertThat(read(got, "$.color").toString()).isEqualTo("#1971c2");

        assertProblem(api.post(a, "/api/diagrams/folders/" + top + "/move", "{\"parent_id\": \"" + leaf + "\"}"), 409,
                "folder_cycle");
        assertProblem(api.post(a, "/api/diagrams/folders/" + top + "/move", "{\"parent_id\": \"" + top + "\"}"), 409,
                "folder_cycle");
        HttpResponse<String> moved = api.post(a, "/api/diagrams/folders/" + leaf + "/move", "{\"parent_id\": null}");
        assertThat((List<String>) read(moved, "$.path[*].name")).containsExactly("Payments");

        HttpResponse<String> renamed = api.send(a, "PATCH", "/api/diagrams/folders/" + mid,
                "{\"name\": \"Services\", \"color\": \"#000\"}", java.util.Map.of());
        assertThat(read(renamed, "$.name").toString()).isEqualTo("Services");

        HttpResponse<String> tree = api.get(a, "/api/diagrams/folders/tree");
        assertThat((List<String>) read(tree, "$.items[*].name")).containsExactly("Architecture", "Payments");
        assertThat(read(tree, "$.items[0].children[0].name").toString()).isEqualTo("Services");
    }

    @Test
    void deletingAFolderTrashesEverythingInside() {
        Api.User a = newUser();
        String top = folder(a, "Old", null);
        String sub = folder(a, "Older", top);
        String file = createFileJson(a, "{\"title\": \"Deep\", \"type\": \"note\", \"folder_id\": \"" + sub + "\"}");

        assertThat(api.delete(a, "/api/diagrams/folders/" + top).statusCode()).isEqualTo(204);
        assertProblem(api.get(a, "/api/diagrams/folders/" + sub), 404, "not_found");
        assertThat(FileApiTest.ids(api.get(a, "/api/diagrams?view=trash"))).containsExactly(file);
        // Its folder is gone, so the restored file lands at the top level.
        assertThat((String) read(api.post(a, "/api/diagrams/" + file + "/restore", null), "$.folder_id")).isNull();
    }

    @Test
    void aFolderShareReachesEverythingInsideAtAnyDepth() {
        Api.User a = newUser();
        Api.User b = newUser();
        String top = folder(a, "Shared", null);
        String sub = folder(a, "Inner", top);
        String file = createFileJson(a, "{\"title\": \"Inside\", \"type\": \"note\", \"folder_id\": \"" + sub + "\"}");
        assertProblem(api.get(b, "/api/diagrams/" + file), 404, "not_found");

        assertThat(api.put(a, "/api/diagrams/folders/" + top + "/shares/users/" + b.id(), "{\"permission\": \"view\"}")
            .statusCode()).isEqualTo(204);
        assertThat(read(api.get(b, "/api/diagrams/" + file), "$.permission").toString()).isEqualTo("view");
        assertProblem(api.patch(b, "/api/diagrams/" + file, "{\"title\": \"x\"}", "\"0\""), 403, "permission_denied");
        assertThat(FileApiTest.ids(api.get(b, "/api/diagrams?view=shared"))).containsExactly(file);
        assertProblem(api.post(b, "/api/diagrams/folders", "{\"name\": \"Mine\", \"parent_id\": \"" + sub + "\"}"), 403,
                "permission_denied");

        api.put(a, "/api/diagrams/folders/" + top + "/shares/users/" + b.id(), "{\"permission\": \"edit\"}");
        assertThat(api.patch(b, "/api/diagrams/" + file, "{\"title\": \"Edited by B\"}", "\"0\"").statusCode())
            .isEqualTo(200);
        assertProblem(api.delete(b, "/api/diagrams/" + file + "?permanent=true"), 403, "permission_denied");
    }

}
