package com.autograph.diagram;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import com.autograph.diagram.access.AccessPolicy;
import com.autograph.diagram.access.Caller;
import com.autograph.diagram.access.Visibility;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * Issue 13: random sequences of share, unshare (revoke), move, create and delete by four
 * users — three plain ones, one of them also a team editor, and a team admin — against
 * the running service. An independent model says what each user was given; after every
 * operation the service must accept or refuse it as the model does, and nobody's
 * permission on any file or folder may exceed what the model says they were given (the
 * model: the owner manages; a team gives its members their role; a share gives its
 * permission until revoked; a folder gives what it has to everything inside, and only
 * those who manage a thing may put it into a folder).
 * <p>
 * Deterministic: {@code -Dautograph.permissions.seed=…} replays a run,
 * {@code …sequences=…} sizes it.
 */
class PermissionModelPropertyTest extends DiagramApiTestBase {

    private static final int OPS_PER_SEQUENCE = 15;

    @Autowired
    AccessPolicy access;

    @Test
    void nobodyEverGetsMoreThanAnOwnerOrTeamAdminGaveThem() {
        long seed = Long.getLong("autograph.permissions.seed", 20_260_013L);
        int sequences = Integer.getInteger("autograph.permissions.sequences", 200);
        System.out.println("PermissionModelPropertyTest seed=" + seed + " sequences=" + sequences);
        for (int i = 0; i < sequences; i++) {
            runSequence(seed + i);
        }
    }

    /** What the model holds about one folder or file. */
    private static final class Item {

        final UUID id;

        final UUID owner;

        final UUID team;

        UUID parent;

        final Map<UUID, Integer> shares = new HashMap<>();

        Item(UUID id, UUID owner, UUID team, UUID parent) {
            this.id = id;
            this.owner = owner;
            this.team = team;
            this.parent = parent;
        }

    }

    /**
     * The independent model: plain maps and the rules as the documentation states them.
     */
    private static final class Model {

        final Map<UUID, Item> folders = new LinkedHashMap<>();

        final Map<UUID, Item> files = new LinkedHashMap<>();

        final Map<UUID, Map<UUID, String>> roles = new HashMap<>();

        int role(UUID user, UUID team) {
            return team == null ? 0 : switch (roles.get(user).getOrDefault(team, "")) {
                case "admin" -> 3;
                case "editor" -> 2;
                case "viewer" -> 1;
                default -> 0;
            };
        }

        boolean writer(UUID user, UUID team) {
            return role(user, team) >= 2;
        }

        int own(UUID user, Item item) {
            return Math.max(Math.max(item.owner.equals(user) ? 3 : 0, role(user, item.team)),
                    item.shares.getOrDefault(user, 0));
        }

        int folder(UUID user, UUID folderId) {
            int level = 0;
            Set<UUID> seen = new HashSet<>();
            for (UUID at = folderId; at != null && seen.add(at); at = folders.get(at).parent) {
                level = Math.max(level, own(user, folders.get(at)));
            }
            return level;
        }

        int file(UUID user, UUID fileId) {
            Item file = files.get(fileId);
            return Math.max(own(user, file), file.parent == null ? 0 : folder(user, file.parent));
        }

        boolean inside(UUID folderId, UUID ancestor) {
            for (UUID at = folderId; at != null; at = folders.get(at).parent) {
                if (at.equals(ancestor)) {
                    return true;
                }
            }
            return false;
        }

    }

    private void runSequence(long seed) {
        Random random = new Random(seed);
        UUID team = newTeam();
        Api.User a = newUser();
        Api.User b = newUser().withTeam(team, "editor");
        Api.User c = newUser();
        Api.User admin = newUser().withTeam(team, "admin");
        List<Api.User> users = List.of(a, b, c, admin);
        Model model = new Model();
        users.forEach(u -> model.roles.put(u.id(), u.teams()));
        List<String> log = new ArrayList<>();
        for (int step = 0; step < OPS_PER_SEQUENCE; step++) {
            Api.User actor = users.get(random.nextInt(users.size()));
            Api.User target = users.get(random.nextInt(users.size()));
            UUID someFolder = pick(random, model.folders.keySet());
            UUID someFile = pick(random, model.files.keySet());
            UUID destination = random.nextInt(4) == 0 ? null : someFolder;
            String permission = random.nextBoolean() ? "view" : "edit";
            UUID withTeam = random.nextInt(3) == 0 ? team : null;
            int op = random.nextInt(100);
            String description;
            boolean expected;
            HttpResponse<String> response;
            if (op < 15 || (someFile == null && op < 60)) {
                UUID parent = random.nextInt(3) == 0 ? null : someFolder;
                description = "create folder in " + parent + (withTeam == null ? "" : " for the team");
                expected = (parent == null || model.folder(actor.id(), parent) >= 2)
                        && (withTeam == null || model.writer(actor.id(), withTeam));
                response = api.post(actor, "/api/diagrams/folders", "{\"name\": \"F" + step + "\", \"parent_id\": "
                        + json(parent) + ", \"team_id\": " + json(withTeam) + "}");
                if (expected && response.statusCode() == 201) {
                    UUID id = UUID.fromString(read(response, "$.id"));
                    model.folders.put(id, new Item(id, actor.id(),
                            withTeam != null ? withTeam : parent == null ? null : model.folders.get(parent).team,
                            parent));
                }
            }
            else if (op < 30 || someFile == null) {
                description = "create file in " + destination + (withTeam == null ? "" : " for the team");
                expected = (destination == null || model.folder(actor.id(), destination) >= 2)
                        && (withTeam == null || model.writer(actor.id(), withTeam));
                response = api.post(actor, "/api/diagrams",
                        "{\"title\": \"D" + step + "\", \"type\": \"note\", \"folder_id\": " + json(destination)
                                + ", \"team_id\": " + json(withTeam) + "}");
                if (expected && response.statusCode() == 201) {
                    UUID id = UUID.fromString(read(response, "$.id"));
                    model.files.put(id, new Item(id, actor.id(), withTeam, destination));
                }
            }
            else if (op < 45) {
                Item file = model.files.get(someFile);
                description = "share file " + someFile + " with " + name(users, target) + " to " + permission;
                expected = model.file(actor.id(), someFile) == 3 && !file.owner.equals(target.id())
                        && !actor.id().equals(target.id());
                response = api.put(actor, "/api/diagrams/" + someFile + "/shares/users/" + target.id(),
                        "{\"permission\": \"" + permission + "\"}");
                if (expected) {
                    file.shares.put(target.id(), "edit".equals(permission) ? 2 : 1);
                }
            }
            else if (op < 55) {
                Item file = model.files.get(someFile);
                description = "revoke the share of file " + someFile + " with " + name(users, target);
                expected = model.file(actor.id(), someFile) == 3 && file.shares.containsKey(target.id());
                response = api.delete(actor, "/api/diagrams/" + someFile + "/shares/users/" + target.id());
                if (expected) {
                    file.shares.remove(target.id());
                }
            }
            else if (op < 65 && someFolder != null) {
                Item folder = model.folders.get(someFolder);
                description = "share folder " + someFolder + " with " + name(users, target) + " to " + permission;
                expected = model.folder(actor.id(), someFolder) == 3 && !folder.owner.equals(target.id())
                        && !actor.id().equals(target.id());
                response = api.put(actor, "/api/diagrams/folders/" + someFolder + "/shares/users/" + target.id(),
                        "{\"permission\": \"" + permission + "\"}");
                if (expected) {
                    folder.shares.put(target.id(), "edit".equals(permission) ? 2 : 1);
                }
            }
            else if (op < 72 && someFolder != null) {
                description = "revoke the share of folder " + someFolder + " with " + name(users, target);
                expected = model.folder(actor.id(), someFolder) == 3;
                response = api.delete(actor, "/api/diagrams/folders/" + someFolder + "/shares/users/" + target.id());
                if (expected) {
                    model.folders.get(someFolder).shares.remove(target.id());
                }
            }
            else if (op < 85) {
                description = "move file " + someFile + " to " + destination;
                expected = model.file(actor.id(), someFile) == 3
                        && (destination == null || model.folder(actor.id(), destination) >= 2);
                response = api.post(actor, "/api/diagrams/" + someFile + "/move",
                        "{\"folder_id\": " + json(destination) + "}");
                if (expected) {
                    model.files.get(someFile).parent = destination;
                }
            }
            else if (op < 95 && someFolder != null) {
                UUID moved = pick(random, model.folders.keySet());
                description = "move folder " + moved + " to " + destination;
                expected = model.folder(actor.id(), moved) == 3
                        && (destination == null || model.folder(actor.id(), destination) >= 2)
                        && (destination == null || !model.inside(destination, moved));
                response = api.post(actor, "/api/diagrams/folders/" + moved + "/move",
                        "{\"parent_id\": " + json(destination) + "}");
                if (expected) {
                    model.folders.get(moved).parent = destination;
                }
            }
            else {
                description = "delete file " + someFile + " for good";
                expected = model.file(actor.id(), someFile) == 3;
                response = api.delete(actor, "/api/diagrams/" + someFile + "?permanent=true");
                if (expected) {
                    model.files.remove(someFile);
                }
            }
            log.add(step + ": " + name(users, actor) + " " + description + " → " + response.statusCode());
            boolean accepted = response.statusCode() / 100 == 2;
            if (accepted != expected || (!accepted && !List.of(403, 404, 409, 422).contains(response.statusCode()))) {
                fail("seed " + seed + ": the service " + (accepted ? "accepted" : "refused") + " what the model "
                        + (expected ? "allows" : "refuses") + " (" + response.body() + ")\n" + String.join("\n", log));
            }
            check(seed, model, users, log);
        }
    }

    /**
     * Every user's permission on every file and folder, as the service's own SQL decides
     * it, against the model.
     */
    private void check(long seed, Model model, List<Api.User> users, List<String> log) {
        List<UUID> owners = users.stream().map(Api.User::id).toList();
        for (Api.User user : users) {
            Visibility visibility = access.visibility(new Caller(user.id(), user.teams()));
            Map<UUID, Integer> files = new HashMap<>();
            jdbc.sql(visibility.with() + "SELECT f.id, " + visibility.fileLevel()
                    + " AS level FROM files f WHERE f.owner_id IN (:owners)")
                .params(visibility.parameters())
                .param("owners", owners)
                .query(rs -> {
                    files.put(rs.getObject("id", UUID.class), rs.getInt("level"));
                });
            Map<UUID, Integer> folders = new HashMap<>();
            jdbc.sql(visibility.with() + "SELECT id, level FROM folder_levels")
                .params(visibility.parameters())
                .query(rs -> {
                    folders.put(rs.getObject("id", UUID.class), rs.getInt("level"));
                });
            assertThat(files.keySet()).as("files of seed %d", seed).isEqualTo(model.files.keySet());
            for (UUID file : model.files.keySet()) {
                compare(seed, "file " + file, name(users, user), files.get(file), model.file(user.id(), file), log);
            }
            for (UUID folder : model.folders.keySet()) {
                compare(seed, "folder " + folder, name(users, user), folders.getOrDefault(folder, 0),
                        model.folder(user.id(), folder), log);
            }
        }
    }

    private static void compare(long seed, String what, String who, int service, int model, List<String> log) {
        if (service > model) {
            fail("seed " + seed + ": " + who + " has level " + service + " on " + what + " but was only given " + model
                    + " — an escalation\n" + String.join("\n", log));
        }
        if (service != model) {
            fail("seed " + seed + ": " + who + " has level " + service + " on " + what + ", the model says " + model
                    + "\n" + String.join("\n", log));
        }
    }

    private static UUID pick(Random random, Set<UUID> ids) {
        if (ids.isEmpty()) {
            return null;
        }
        return new ArrayList<>(ids).get(random.nextInt(ids.size()));
    }

    private static String json(UUID id) {
        return id == null ? "null" : "\"" + id + "\"";
    }

    private static String name(List<Api.User> users, Api.User user) {
        return List.of("A", "B (team editor)", "C", "Admin").get(users.indexOf(user));
    }

}
