package com.autograph.diagram.transfer;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import com.autograph.diagram.DiagramProperties;
import com.autograph.diagram.access.AccessPolicy;
import com.autograph.diagram.access.Caller;
import com.autograph.diagram.access.Permission;
import com.autograph.diagram.event.FileEvent;
import com.autograph.shared.error.ApiException;

/**
 * Hands a file or a folder over to another person or to a team (docs/api/diagrams.md,
 * "Transferring ownership"). Only the owner, or an admin of the item's team, may; never
 * someone whose manage permission comes from a share or an enclosing folder. A person
 * must already be able to see the item (share it first), so nobody can push files onto
 * strangers; a team must be one where the caller may add (editor or admin).
 * <p>
 * The item leaves the folder it was in, since that folder's grants would otherwise go on
 * reaching it; a folder takes along everything inside it that its previous owner owned.
 * Everything runs under the locks a move takes (the file's row, the folder tree), so a
 * move or share checked before a transfer commits cannot write after it.
 */
@Service
class Transfers {

    /** Whom to: exactly one of a person or a team. */
    record Target(UUID user, UUID team, String previousOwnerAccess) {
    }

    record TransferResult(String kind, UUID id, UUID ownerId, UUID teamId, int files, int folders) {
    }

    private record Item(UUID ownerId, UUID teamId, boolean trashed) {
    }

    private final JdbcClient jdbc;

    private final AccessPolicy access;

    private final ApplicationEventPublisher events;

    private final Clock clock;

    private final DiagramProperties properties;

    Transfers(JdbcClient jdbc, AccessPolicy access, ApplicationEventPublisher events, Clock clock,
            DiagramProperties properties) {
        this.jdbc = jdbc;
        this.access = access;
        this.events = events;
        this.clock = clock;
        this.properties = properties;
    }

    @Transactional
    TransferResult file(Caller caller, UUID id, Target target) {
        access.lockFile(id);
        Item item = jdbc.sql("SELECT owner_id, team_id, deleted_at IS NOT NULL AS trashed FROM files WHERE id = :id")
            .param("id", id)
            .query((rs, row) -> new Item(rs.getObject("owner_id", UUID.class), rs.getObject("team_id", UUID.class),
                    rs.getBoolean("trashed")))
            .optional()
            .orElseThrow(() -> ApiException.notFound("File", id));
        requireTransferrer(caller, item, access.onFile(caller, id), "File", id);
        if (item.trashed()) {
            throw new ApiException(HttpStatus.CONFLICT, "file_in_trash",
                    "File " + id + " is in the trash; restore it before handing it over.");
        }
        List<UUID> ids = List.of(id);
        if (target.team() != null) {
            access.requireTeamWriter(caller, target.team());
        }
        else {
            requireRecipient(item, target.user(), access.onFileFor(target.user(), id), "file", id);
        }
        Instant now = clock.instant();
        changeFiles(caller, ids, target, now, "folder_id = NULL");
        if (target.user() != null) {
            keepAccess(item.ownerId(), target, caller, now,
                    "INSERT INTO shares (file_id, shared_with_user_id, permission, shared_by, created_at)"
                            + " VALUES (:id, :user, :permission, :me, :now)"
                            + " ON CONFLICT (file_id, shared_with_user_id) WHERE shared_with_user_id IS NOT NULL"
                            + " DO UPDATE SET permission = :permission, revoked_at = NULL, expires_at = NULL",
                    id);
        }
        publish(caller, ids, target, now);
        UUID team = target.team() != null ? target.team() : item.teamId();
        UUID owner = target.user() != null ? target.user() : item.ownerId();
        return new TransferResult("file", id, owner, team, 1, 0);
    }

    /**
     * The folder, and each subfolder and file inside it (any depth up to the folder depth
     * limit) that belonged to the folder's owner; what others own inside stays theirs and
     * in place, reached by the folder's grants as before.
     */
    @Transactional
    TransferResult folder(Caller caller, UUID id, Target target) {
        access.lockFolderTree();
        Item item = jdbc
            .sql("SELECT owner_id, team_id, false AS trashed FROM folders WHERE id = :id" + " AND deleted_at IS NULL")
            .param("id", id)
            .query((rs, row) -> new Item(rs.getObject("owner_id", UUID.class), rs.getObject("team_id", UUID.class),
                    false))
            .optional()
            .orElseThrow(() -> ApiException.notFound("Folder", id));
        requireTransferrer(caller, item, access.onFolder(caller, id), "Folder", id);
        if (target.team() != null) {
            access.requireTeamWriter(caller, target.team());
        }
        else {
            requireRecipient(item, target.user(), access.onFolderFor(target.user(), id), "folder", id);
        }
        List<UUID> folders = jdbc.sql("""
                WITH RECURSIVE subtree(id, depth) AS (SELECT CAST(:id AS uuid), 1 UNION ALL
                    SELECT f.id, s.depth + 1 FROM folders f JOIN subtree s ON f.parent_id = s.id
                    WHERE f.deleted_at IS NULL AND s.depth < :max_depth)
                    CYCLE id SET is_cycle USING path
                SELECT DISTINCT fo.id FROM folders fo JOIN subtree s ON s.id = fo.id
                WHERE NOT s.is_cycle AND fo.owner_id = :owner""")
            .param("id", id)
            .param("owner", item.ownerId())
            .param("max_depth", properties.maxFolderDepth())
            .query(UUID.class)
            .list();
        List<UUID> files = jdbc.sql("""
                SELECT id FROM files WHERE folder_id = ANY(CAST(:folders AS uuid[])) AND owner_id = :owner
                ORDER BY id LIMIT :limit FOR UPDATE""")
            .param("folders", folders.toArray(UUID[]::new))
            .param("owner", item.ownerId())
            .param("limit", properties.maxTransferItems() + 1)
            .query(UUID.class)
            .list();
        if (folders.size() + files.size() > properties.maxTransferItems()) {
            throw new ApiException(HttpStatus.UNPROCESSABLE_CONTENT, "too_many_items",
                    "Folder " + id + " holds more than " + properties.maxTransferItems()
                            + " files and folders of its owner, the most one transfer hands over; transfer its"
                            + " subfolders one at a time.");
        }
        Instant now = clock.instant();
        String column = target.user() != null ? "owner_id = :user" : "team_id = :team";
        jdbc.sql("UPDATE folders SET " + column + ", updated_at = :now WHERE id = ANY(CAST(:ids AS uuid[]))")
            .param("ids", folders.toArray(UUID[]::new))
            .param("user", target.user())
            .param("team", target.team())
            .param("now", Timestamp.from(now))
            .update();
        jdbc.sql("UPDATE folders SET parent_id = NULL WHERE id = :id").param("id", id).update();
        changeFiles(caller, files, target, now, "folder_id = folder_id");
        if (target.user() != null) {
            jdbc.sql("DELETE FROM folder_shares WHERE folder_id = ANY(CAST(:ids AS uuid[])) AND user_id = :user")
                .param("ids", folders.toArray(UUID[]::new))
                .param("user", target.user())
                .update();
            keepAccess(item.ownerId(), target, caller, now,
                    "INSERT INTO folder_shares (folder_id, user_id, permission, shared_by, created_at)"
                            + " VALUES (:id, :user, :permission, :me, :now)"
                            + " ON CONFLICT (folder_id, user_id) DO UPDATE SET permission = :permission",
                    id);
        }
        publish(caller, files, target, now);
        UUID team = target.team() != null ? target.team() : item.teamId();
        UUID owner = target.user() != null ? target.user() : item.ownerId();
        return new TransferResult("folder", id, owner, team, files.size(), folders.size());
    }

    /**
     * Owner or admin of the item's own team; 404 for those who may not see it, 403 for
     * those who may (a share or a folder's grant is never enough).
     */
    private static void requireTransferrer(Caller caller, Item item, Permission permission, String what, UUID id) {
        if (permission == Permission.NONE) {
            throw ApiException.notFound(what, id);
        }
        if (!caller.userId().equals(item.ownerId()) && !"admin".equals(caller.roleIn(item.teamId()))) {
            throw new ApiException(HttpStatus.FORBIDDEN, "permission_denied", "Only the owner of "
                    + what.toLowerCase(java.util.Locale.ROOT) + " " + id + " or an admin of its team may transfer it.");
        }
    }

    private static void requireRecipient(Item item, UUID user, Permission theirs, String what, UUID id) {
        if (user.equals(item.ownerId())) {
            throw new ApiException(HttpStatus.UNPROCESSABLE_CONTENT, "already_owner",
                    "User " + user + " already owns " + what + " " + id + ".");
        }
        if (theirs == Permission.NONE) {
            throw new ApiException(HttpStatus.UNPROCESSABLE_CONTENT, "recipient_without_access", "User " + user
                    + " cannot see " + what + " " + id + "; share it with them first, then transfer it.");
        }
    }

    /**
     * New owner or team on the files; {@code folder} says what becomes of their folder
     * (left, or the top level). The ETag moves: the file's metadata changed.
     */
    private void changeFiles(Caller caller, List<UUID> ids, Target target, Instant now, String folder) {
        String column = target.user() != null ? "owner_id = :user" : "team_id = :team";
        jdbc.sql("UPDATE files SET " + column + ", " + folder + """
                , lock_version = lock_version + 1, updated_at = :now, updated_by = :me, last_activity_at = :now
                WHERE id = ANY(CAST(:ids AS uuid[]))""")
            .param("ids", ids.toArray(UUID[]::new))
            .param("user", target.user())
            .param("team", target.team())
            .param("me", caller.userId())
            .param("now", Timestamp.from(now))
            .update();
        if (target.user() != null) {
            // Nothing is shared with its owner.
            jdbc.sql("DELETE FROM shares WHERE file_id = ANY(CAST(:ids AS uuid[])) AND shared_with_user_id = :user")
                .param("ids", ids.toArray(UUID[]::new))
                .param("user", target.user())
                .update();
        }
    }

    /** The previous owner's share, unless they chose none. */
    private void keepAccess(UUID previousOwner, Target target, Caller caller, Instant now, String insert, UUID id) {
        if ("none".equals(target.previousOwnerAccess())) {
            return;
        }
        jdbc.sql(insert)
            .param("id", id)
            .param("user", previousOwner)
            .param("permission", target.previousOwnerAccess())
            .param("me", caller.userId())
            .param("now", Timestamp.from(now))
            .update();
    }

    private void publish(Caller caller, List<UUID> files, Target target, Instant now) {
        Map<String, Object> details = target.user() != null ? Map.of("owner_id", target.user().toString())
                : Map.of("team_id", target.team().toString());
        files.forEach(
                file -> events.publishEvent(new FileEvent("file.transferred", file, caller.userId(), now, details)));
    }

}
