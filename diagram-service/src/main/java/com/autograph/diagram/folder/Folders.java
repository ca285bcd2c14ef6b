package com.autograph.diagram.folder;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import com.autograph.diagram.access.AccessPolicy;
import com.autograph.diagram.access.Caller;
import com.autograph.diagram.access.Permission;
import com.autograph.diagram.event.FileEvent;
import com.autograph.shared.error.ApiException;

/** Folders: create, rename, colour and icon, move (never into itself), delete (contents to the trash), tree. */
@Service
class Folders {

    record Crumb(UUID id, String name) {
    }

    record FolderView(UUID id, String name, UUID parentId, UUID ownerId, UUID teamId, String color, String icon,
            Instant createdAt, Instant updatedAt, List<Crumb> path, String permission) {
    }

    record Node(UUID id, String name, UUID parentId, UUID teamId, String color, String icon, List<Node> children) {
    }

    private final FolderRepository folders;
    private final AccessPolicy access;
    private final JdbcClient jdbc;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    Folders(FolderRepository folders, AccessPolicy access, JdbcClient jdbc, ApplicationEventPublisher events, Clock clock) {
        this.folders = folders;
        this.access = access;
        this.jdbc = jdbc;
        this.events = events;
        this.clock = clock;
    }

    @Transactional
    FolderView create(Caller caller, String name, UUID parentId, UUID teamId, String color, String icon) {
        UUID team = teamId;
        if (parentId != null) {
            AccessPolicy.require(access.onFolder(caller, parentId), Permission.EDIT, "Folder", parentId);
            Folder parent = folders.findById(parentId).orElseThrow(() -> ApiException.notFound("Folder", parentId));
            team = team == null ? parent.teamId() : team;
        }
        if (teamId != null) {
            access.requireTeamWriter(caller, teamId);
        }
        Folder folder = folders.saveAndFlush(new Folder(caller.userId(), team, parentId, name.strip(), color, icon,
                clock.instant()));
        return view(caller, folder);
    }

    @Transactional(readOnly = true)
    FolderView get(Caller caller, UUID id) {
        AccessPolicy.require(access.onFolder(caller, id), Permission.VIEW, "Folder", id);
        return view(caller, folders.findById(id).orElseThrow(() -> ApiException.notFound("Folder", id)));
    }

    @Transactional
    FolderView change(Caller caller, UUID id, String name, String color, String icon) {
        AccessPolicy.require(access.onFolder(caller, id), Permission.EDIT, "Folder", id);
        Folder folder = folders.findById(id).orElseThrow(() -> ApiException.notFound("Folder", id));
        folder.change(name == null ? null : name.strip(), color, icon, clock.instant());
        return view(caller, folders.saveAndFlush(folder));
    }

    /** Moves a folder under another (null: top level); refuses moves into itself or its own descendants. */
    @Transactional
    FolderView move(Caller caller, UUID id, UUID parentId) {
        AccessPolicy.require(access.onFolder(caller, id), Permission.EDIT, "Folder", id);
        if (parentId != null) {
            AccessPolicy.require(access.onFolder(caller, parentId), Permission.EDIT, "Folder", parentId);
            boolean intoItself = jdbc.sql("""
                    WITH RECURSIVE subtree(id) AS (SELECT CAST(:id AS uuid) UNION ALL
                        SELECT f.id FROM folders f JOIN subtree s ON f.parent_id = s.id)
                    SELECT EXISTS (SELECT 1 FROM subtree WHERE id = :target)""")
                    .param("id", id).param("target", parentId).query(Boolean.class).single();
            if (intoItself) {
                throw new ApiException(HttpStatus.CONFLICT, "folder_cycle",
                        "A folder cannot be moved into itself or into one of its own subfolders.");
            }
        }
        Folder folder = folders.findById(id).orElseThrow(() -> ApiException.notFound("Folder", id));
        folder.moveTo(parentId, clock.instant());
        return view(caller, folders.saveAndFlush(folder));
    }

    /** Deletes the folder and its subfolders; every file inside, at any depth, goes to the trash. */
    @Transactional
    void delete(Caller caller, UUID id) {
        AccessPolicy.require(access.onFolder(caller, id), Permission.EDIT, "Folder", id);
        Instant now = clock.instant();
        Timestamp at = Timestamp.from(now);
        String subtree = """
                WITH RECURSIVE subtree(id) AS (SELECT CAST(:id AS uuid) UNION ALL
                    SELECT f.id FROM folders f JOIN subtree s ON f.parent_id = s.id WHERE f.deleted_at IS NULL)
                """;
        List<UUID> trashed = jdbc.sql(subtree + """
                UPDATE files SET deleted_at = :at, updated_at = :at, updated_by = :me, last_activity_at = :at,
                    lock_version = lock_version + 1
                WHERE folder_id IN (SELECT id FROM subtree) AND deleted_at IS NULL RETURNING id""")
                .param("id", id).param("at", at).param("me", caller.userId()).query(UUID.class).list();
        jdbc.sql(subtree + "UPDATE folders SET deleted_at = :at WHERE id IN (SELECT id FROM subtree)")
                .param("id", id).param("at", at).update();
        trashed.forEach(file -> events.publishEvent(new FileEvent("file.deleted", file, caller.userId(), now,
                Map.of("folder_deleted", id.toString()))));
    }

    /** The caller's folders (or a team's) as a tree, in one call. */
    @Transactional(readOnly = true)
    List<Node> tree(Caller caller, UUID teamId) {
        if (teamId != null && !caller.isMember(teamId)) {
            throw ApiException.notFound("Team", teamId);
        }
        Map<String, Object> params = access.parameters(caller);
        params.put("team", teamId);
        String scope = teamId == null ? "fo.owner_id = :me AND fo.team_id IS NULL" : "fo.team_id = :team";
        List<Node> flat = jdbc.sql(AccessPolicy.withFolderLevels() + """
                SELECT fo.id, fo.name, fo.parent_id, fo.team_id, fo.color, fo.icon FROM folders fo
                WHERE fo.id IN (SELECT id FROM folder_levels) AND %s ORDER BY lower(fo.name), fo.id""".formatted(scope))
                .params(params).query((rs, row) -> new Node(rs.getObject("id", UUID.class), rs.getString("name"),
                        rs.getObject("parent_id", UUID.class), rs.getObject("team_id", UUID.class), rs.getString("color"),
                        rs.getString("icon"), new ArrayList<>())).list();
        Map<UUID, Node> byId = new LinkedHashMap<>();
        flat.forEach(n -> byId.put(n.id(), n));
        List<Node> roots = new ArrayList<>();
        for (Node node : flat) {
            Node parent = node.parentId() == null ? null : byId.get(node.parentId());
            (parent == null ? roots : parent.children()).add(node);
        }
        return roots;
    }

    @Transactional
    void share(Caller caller, UUID id, UUID userId, String permission) {
        AccessPolicy.require(access.onFolder(caller, id), Permission.MANAGE, "Folder", id);
        try {
            jdbc.sql("""
                    INSERT INTO folder_shares (folder_id, user_id, permission, shared_by, created_at)
                    VALUES (:folder, :user, :permission, :me, :now)
                    ON CONFLICT (folder_id, user_id) DO UPDATE SET permission = :permission""")
                    .param("folder", id).param("user", userId).param("permission", permission)
                    .param("me", caller.userId()).param("now", Timestamp.from(clock.instant())).update();
        }
        catch (DataIntegrityViolationException ex) {
            throw new ApiException(HttpStatus.UNPROCESSABLE_CONTENT, "unknown_user", "There is no user " + userId + ".");
        }
    }

    @Transactional
    void unshare(Caller caller, UUID id, UUID userId) {
        AccessPolicy.require(access.onFolder(caller, id), Permission.MANAGE, "Folder", id);
        jdbc.sql("DELETE FROM folder_shares WHERE folder_id = :folder AND user_id = :user").param("folder", id)
                .param("user", userId).update();
    }

    private FolderView view(Caller caller, Folder folder) {
        List<Crumb> path = jdbc.sql("""
                WITH RECURSIVE up(id, name, parent_id, depth) AS (
                    SELECT id, name, parent_id, 0 FROM folders WHERE id = :id
                    UNION ALL SELECT f.id, f.name, f.parent_id, up.depth + 1 FROM folders f JOIN up ON f.id = up.parent_id)
                SELECT id, name FROM up ORDER BY depth DESC""").param("id", folder.id())
                .query((rs, row) -> new Crumb(rs.getObject("id", UUID.class), rs.getString("name"))).list();
        return new FolderView(folder.id(), folder.name(), folder.parentId(), folder.ownerId(), folder.teamId(),
                folder.color(), folder.icon(), folder.createdAt(), folder.updatedAt(), path,
                access.onFolder(caller, folder.id()).value());
    }
}
