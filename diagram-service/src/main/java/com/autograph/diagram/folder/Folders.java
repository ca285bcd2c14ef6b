package com.autograph.diagram.folder;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import com.autograph.diagram.DiagramProperties;
import com.autograph.diagram.access.AccessPolicy;
import com.autograph.diagram.access.Visibility;
import com.autograph.diagram.access.Caller;
import com.autograph.diagram.access.Permission;
import com.autograph.diagram.event.FileEvent;
import com.autograph.shared.error.ApiException;

/**
 * Folders: create, rename, colour and icon, move (never into itself), delete (contents to
 * the trash), tree. Folders nest at most {@code autograph.diagrams.max-folder-depth} deep
 * (a top-level folder is depth 1).
 */
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

    private final int maxDepth;

    Folders(FolderRepository folders, AccessPolicy access, JdbcClient jdbc, ApplicationEventPublisher events,
            Clock clock, DiagramProperties properties) {
        this.folders = folders;
        this.access = access;
        this.jdbc = jdbc;
        this.events = events;
        this.clock = clock;
        this.maxDepth = properties.maxFolderDepth();
    }

    @Transactional
    FolderView create(Caller caller, String name, UUID parentId, UUID teamId, String color, String icon) {
        UUID team = teamId;
        if (parentId != null) {
            access.lockFolderTree();
            AccessPolicy.require(access.onFolder(caller, parentId), Permission.EDIT, "Folder", parentId);
            Folder parent = folders.findById(parentId).orElseThrow(() -> ApiException.notFound("Folder", parentId));
            team = team == null ? parent.teamId() : team;
            requireDepth(chainUp(parentId, null).depth() + 1);
        }
        if (teamId != null) {
            access.requireTeamWriter(caller, teamId);
        }
        Folder folder = folders
            .saveAndFlush(new Folder(caller.userId(), team, parentId, name.strip(), color, icon, clock.instant()));
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

    /**
     * Moves a folder under another (null: top level): needs manage on the folder and edit
     * on the new parent ({@link AccessPolicy#requireFolderMove}); refuses moves into
     * itself or its own descendants (409) and moves that would nest deeper than the limit
     * (422).
     */
    @Transactional
    FolderView move(Caller caller, UUID id, UUID parentId) {
        access.lockFolderTree();
        access.requireFolderMove(caller, id, parentId);
        if (parentId != null) {
            Chain chain = chainUp(parentId, id);
            if (chain.contains()) {
                throw new ApiException(HttpStatus.CONFLICT, "folder_cycle",
                        "A folder cannot be moved into itself or into one of its own subfolders.");
            }
            requireDepth(chain.depth() + height(id));
        }
        Folder folder = folders.findById(id).orElseThrow(() -> ApiException.notFound("Folder", id));
        folder.moveTo(parentId, clock.instant());
        return view(caller, folders.saveAndFlush(folder));
    }

    /**
     * Deletes the folder and its subfolders; every file inside, at any depth, goes to the
     * trash.
     */
    @Transactional
    void delete(Caller caller, UUID id) {
        AccessPolicy.require(access.onFolder(caller, id), Permission.EDIT, "Folder", id);
        Instant now = clock.instant();
        Timestamp at = Timestamp.from(now);
        // No depth limit here: a tree made deeper than a since-lowered limit must still
        // go as a whole;
        // the cycle guard alone ends the walk, since it then visits each folder at most
        // once.
        String subtree = """
                WITH RECURSIVE subtree(id) AS (SELECT CAST(:id AS uuid) UNION ALL
                    SELECT f.id FROM folders f JOIN subtree s ON f.parent_id = s.id WHERE f.deleted_at IS NULL)
                    CYCLE id SET is_cycle USING path
                """;
        List<UUID> trashed = jdbc.sql(subtree + """
                UPDATE files SET deleted_at = :at, updated_at = :at, updated_by = :me, last_activity_at = :at,
                    lock_version = lock_version + 1
                WHERE folder_id IN (SELECT id FROM subtree) AND deleted_at IS NULL RETURNING id""")
            .param("id", id)
            .param("at", at)
            .param("me", caller.userId())
            .query(UUID.class)
            .list();
        jdbc.sql(subtree + "UPDATE folders SET deleted_at = :at WHERE id IN (SELECT id FROM subtree)")
            .param("id", id)
            .param("at", at)
            .update();
        trashed.forEach(file -> events.publishEvent(
                new FileEvent("file.deleted", file, caller.userId(), now, Map.of("folder_deleted", id.toString()))));
    }

    /** The caller's folders (or a team's) as a tree, in one call. */
    @Transactional(readOnly = true)
    List<Node> tree(Caller caller, UUID teamId) {
        if (teamId != null && !caller.isMember(teamId)) {
            throw ApiException.notFound("Team", teamId);
        }
        Visibility visibility = access.visibility(caller);
        Map<String, Object> params = new HashMap<>(visibility.parameters());
        params.put("team", teamId);
        String scope = teamId == null ? "fo.owner_id = :me AND fo.team_id IS NULL" : "fo.team_id = :team";
        List<Node> flat = jdbc.sql(visibility.with() + """
                SELECT fo.id, fo.name, fo.parent_id, fo.team_id, fo.color, fo.icon FROM folders fo
                WHERE fo.id IN (SELECT id FROM folder_levels) AND %s ORDER BY lower(fo.name), fo.id""".formatted(scope))
            .params(params)
            .query((rs, row) -> new Node(rs.getObject("id", UUID.class), rs.getString("name"),
                    rs.getObject("parent_id", UUID.class), rs.getObject("team_id", UUID.class), rs.getString("color"),
                    rs.getString("icon"), new ArrayList<>()))
            .list();
        Map<UUID, Node> byId = new LinkedHashMap<>();
        flat.forEach(n -> byId.put(n.id(), n));
        Map<UUID, List<Node>> children = new LinkedHashMap<>();
        List<Node> starts = new ArrayList<>();
        for (Node node : flat) {
            if (node.parentId() == null || !byId.containsKey(node.parentId())) {
                starts.add(node);
            }
            else {
                children.computeIfAbsent(node.parentId(), p -> new ArrayList<>()).add(node);
            }
        }
        // Attach children from the roots down, each folder once. Folders caught in a
        // cycle (old
        // data) are reachable from no root: the first of each becomes a root instead of
        // an endless tree.
        starts.addAll(flat);
        Set<UUID> placed = new HashSet<>();
        List<Node> roots = new ArrayList<>();
        for (Node start : starts) {
            if (!placed.add(start.id())) {
                continue;
            }
            roots.add(start);
            Deque<Node> pending = new ArrayDeque<>(List.of(start));
            while (!pending.isEmpty()) {
                Node next = pending.poll();
                for (Node child : children.getOrDefault(next.id(), List.of())) {
                    if (placed.add(child.id())) {
                        next.children().add(child);
                        pending.add(child);
                    }
                }
            }
        }
        return roots;
    }

    @Transactional
    void share(Caller caller, UUID id, UUID userId, String permission) {
        access.lockFolderTree();
        AccessPolicy.require(access.onFolder(caller, id), Permission.MANAGE, "Folder", id);
        Folder folder = folders.findById(id).orElseThrow(() -> ApiException.notFound("Folder", id));
        if (folder.ownerId().equals(userId)) {
            throw new ApiException(HttpStatus.UNPROCESSABLE_CONTENT, "cannot_share_with_owner",
                    "User " + userId + " owns folder " + id + " and may already do everything with it.");
        }
        try {
            jdbc.sql("""
                    INSERT INTO folder_shares (folder_id, user_id, permission, shared_by, created_at)
                    VALUES (:folder, :user, :permission, :me, :now)
                    ON CONFLICT (folder_id, user_id) DO UPDATE SET permission = :permission""")
                .param("folder", id)
                .param("user", userId)
                .param("permission", permission)
                .param("me", caller.userId())
                .param("now", Timestamp.from(clock.instant()))
                .update();
        }
        catch (DataIntegrityViolationException ex) {
            throw new ApiException(HttpStatus.UNPROCESSABLE_CONTENT, "unknown_user",
                    "There is no user " + userId + ".");
        }
    }

    @Transactional
    void unshare(Caller caller, UUID id, UUID userId) {
        AccessPolicy.require(access.onFolder(caller, id), Permission.MANAGE, "Folder", id);
        jdbc.sql("DELETE FROM folder_shares WHERE folder_id = :folder AND user_id = :user")
            .param("folder", id)
            .param("user", userId)
            .update();
    }

    /**
     * How deep a folder is (top level: 1; counted to at most the limit + 1), and whether
     * {@code other} is on its way up.
     */
    private record Chain(int depth, boolean contains) {
    }

    private Chain chainUp(UUID id, UUID other) {
        return jdbc.sql("""
                WITH RECURSIVE up(id, parent_id, depth) AS (
                    SELECT id, parent_id, 1 FROM folders WHERE id = :id
                    UNION ALL SELECT f.id, f.parent_id, up.depth + 1 FROM folders f JOIN up ON f.id = up.parent_id
                    WHERE up.depth <= :max_depth
                ) CYCLE id SET is_cycle USING path
                SELECT count(*) FILTER (WHERE NOT is_cycle) AS depth,
                       coalesce(bool_or(id = CAST(:other AS uuid)), false) AS contains FROM up""")
            .param("id", id)
            .param("other", other)
            .param("max_depth", maxDepth)
            .query((rs, row) -> new Chain(rs.getInt("depth"), rs.getBoolean("contains")))
            .single();
    }

    /**
     * How many levels a folder and its live subfolders span (a folder without subfolders:
     * 1), up to the limit + 1.
     */
    private int height(UUID id) {
        return jdbc.sql("""
                WITH RECURSIVE down(id, depth) AS (
                    SELECT CAST(:id AS uuid), 1
                    UNION ALL SELECT f.id, d.depth + 1 FROM folders f JOIN down d ON f.parent_id = d.id
                    WHERE f.deleted_at IS NULL AND d.depth <= :max_depth
                ) CYCLE id SET is_cycle USING path
                SELECT max(depth) FROM down WHERE NOT is_cycle""")
            .param("id", id)
            .param("max_depth", maxDepth)
            .query(Integer.class)
            .single();
    }

    private void requireDepth(int depth) {
        if (depth > maxDepth) {
            throw new ApiException(HttpStatus.UNPROCESSABLE_CONTENT, "folder_too_deep", "Folders nest at most "
                    + maxDepth + " deep (max-folder-depth); this would make one " + depth + " deep.");
        }
    }

    private FolderView view(Caller caller, Folder folder) {
        List<Crumb> path = jdbc
            .sql("""
                    WITH RECURSIVE up(id, name, parent_id, depth) AS (
                        SELECT id, name, parent_id, 0 FROM folders WHERE id = :id
                        UNION ALL SELECT f.id, f.name, f.parent_id, up.depth + 1 FROM folders f JOIN up ON f.id = up.parent_id
                        WHERE up.depth < :max_depth
                    ) CYCLE id SET is_cycle USING path
                    SELECT id, name FROM up WHERE NOT is_cycle ORDER BY depth DESC""")
            .param("id", folder.id())
            .param("max_depth", maxDepth)
            .query((rs, row) -> new Crumb(rs.getObject("id", UUID.class), rs.getString("name")))
            .list();
        return new FolderView(folder.id(), folder.name(), folder.parentId(), folder.ownerId(), folder.teamId(),
                folder.color(), folder.icon(), folder.createdAt(), folder.updatedAt(), path,
                access.onFolder(caller, folder.id()).value());
    }

}
