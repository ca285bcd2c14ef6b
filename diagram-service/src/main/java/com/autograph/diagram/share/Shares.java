package com.autograph.diagram.share;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import com.autograph.diagram.DiagramProperties;
import com.autograph.diagram.access.AccessPolicy;
import com.autograph.diagram.access.Caller;
import com.autograph.diagram.access.Permission;
import com.autograph.diagram.event.FileEvent;
import com.autograph.diagram.file.DiagramFile;
import com.autograph.diagram.file.DiagramFileRepository;
import com.autograph.diagram.file.FileView;
import com.autograph.diagram.file.Files;
import com.autograph.shared.error.ApiException;

/**
 * Shares of a file with users and share links. Only those who manage the file (owner,
 * team admin) change sharing. A link grants its permission to whoever holds it while it
 * is neither revoked nor expired, behind its password if it has one; a team-only link
 * additionally needs a signed-in member of the file's team.
 */
@Service
public class Shares {

    /** The header a link holder sends the link's password in. */
    public static final String PASSWORD_HEADER = "X-Share-Password";

    /** The expiry choices a link offers, in days; null: never. */
    static final List<Integer> EXPIRY_DAYS = List.of(1, 7, 30);

    private static final SecureRandom random = new SecureRandom();

    /**
     * What a link holder gets: the file (or the linked version's content), the permission
     * and when the link expires (null: never), so that a live room can end its holder's
     * socket then.
     */
    public record LinkView(FileView file, String permission, Integer versionNumber, Instant expiresAt) {
    }

    private final ShareRepository shares;

    private final DiagramFileRepository files;

    private final Files fileService;

    private final AccessPolicy access;

    private final PasswordEncoder passwords;

    private final JdbcClient jdbc;

    private final ApplicationEventPublisher events;

    private final DiagramProperties properties;

    private final Clock clock;

    Shares(ShareRepository shares, DiagramFileRepository files, Files fileService, AccessPolicy access,
            PasswordEncoder passwords, JdbcClient jdbc, ApplicationEventPublisher events, DiagramProperties properties,
            Clock clock) {
        this.shares = shares;
        this.files = files;
        this.fileService = fileService;
        this.access = access;
        this.passwords = passwords;
        this.jdbc = jdbc;
        this.events = events;
        this.properties = properties;
        this.clock = clock;
    }

    @Transactional(readOnly = true)
    public List<ShareView> list(Caller caller, UUID fileId) {
        AccessPolicy.require(access.onFile(caller, fileId), Permission.MANAGE, "File", fileId);
        return shares.findByFileIdOrderByCreatedAt(fileId)
            .stream()
            .map(s -> ShareView.of(s, properties.publicUrl()))
            .toList();
    }

    /**
     * Shares the file with a user (by id; e-mail lookup belongs to auth-service) or
     * changes the permission.
     */
    @Transactional
    public ShareView shareWithUser(Caller caller, UUID fileId, UUID userId, String permission) {
        access.lockFile(fileId);
        AccessPolicy.require(access.onFile(caller, fileId), Permission.MANAGE, "File", fileId);
        if (files.findById(fileId).map(f -> f.ownerId().equals(userId)).orElse(false)) {
            throw new ApiException(HttpStatus.UNPROCESSABLE_CONTENT, "cannot_share_with_owner",
                    "User " + userId + " owns file " + fileId + " and may already do everything with it.");
        }
        Instant now = clock.instant();
        Share share = shares.findByFileIdAndSharedWithUserId(fileId, userId).orElse(null);
        if (share == null) {
            share = Share.withUser(fileId, userId, permission, caller.userId(), now);
        }
        else {
            share.changePermission(permission);
        }
        try {
            share = shares.saveAndFlush(share);
        }
        catch (DataIntegrityViolationException ex) {
            throw new ApiException(HttpStatus.UNPROCESSABLE_CONTENT, "unknown_user",
                    "There is no user " + userId + ".");
        }
        touchActivity(fileId, now);
        events.publishEvent(new FileEvent("file.shared", fileId, caller.userId(), now,
                Map.of("user_id", userId.toString(), "permission", permission)));
        return ShareView.of(share, properties.publicUrl());
    }

    @Transactional
    public void unshareUser(Caller caller, UUID fileId, UUID userId) {
        AccessPolicy.require(access.onFile(caller, fileId), Permission.MANAGE, "File", fileId);
        Share share = shares.findByFileIdAndSharedWithUserId(fileId, userId)
            .orElseThrow(() -> ApiException.notFound("Share with user", userId));
        shares.delete(share);
        events.publishEvent(new FileEvent("file.unshared", fileId, caller.userId(), clock.instant(),
                Map.of("user_id", userId.toString())));
    }

    @Transactional
    public ShareView createLink(Caller caller, UUID fileId, String permission, boolean teamOnly, String password,
            Integer expiresInDays, Integer versionNumber) {
        AccessPolicy.require(access.onFile(caller, fileId), Permission.MANAGE, "File", fileId);
        DiagramFile file = files.findById(fileId).orElseThrow(() -> ApiException.notFound("File", fileId));
        if (teamOnly && file.teamId() == null) {
            throw new ApiException(HttpStatus.UNPROCESSABLE_CONTENT, "file_has_no_team",
                    "A team-only link needs a file that belongs to a team; make a public link instead.");
        }
        if (expiresInDays != null && !EXPIRY_DAYS.contains(expiresInDays)) {
            throw new ApiException(HttpStatus.UNPROCESSABLE_CONTENT, "invalid_expiry",
                    "expires_in_days must be 1, 7, 30 or absent (never).");
        }
        UUID versionId = null;
        if (versionNumber != null) {
            if (!"view".equals(permission)) {
                throw new ApiException(HttpStatus.UNPROCESSABLE_CONTENT, "version_links_are_view_only",
                        "A link to a version shows that version; it can only have permission view.");
            }
            versionId = jdbc.sql("SELECT id FROM versions WHERE file_id = :file AND version_number = :n")
                .param("file", fileId)
                .param("n", versionNumber)
                .query(UUID.class)
                .optional()
                .orElseThrow(() -> new ApiException(HttpStatus.UNPROCESSABLE_CONTENT, "unknown_version",
                        "File " + fileId + " has no version " + versionNumber + "."));
        }
        // As PostgreSQL keeps it (microseconds), so the answer and later reads agree.
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        byte[] bytes = new byte[24];
        random.nextBytes(bytes);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        Share link = shares.saveAndFlush(Share.link(fileId, token, permission, teamOnly,
                password == null ? null : passwords.encode(password), versionId,
                expiresInDays == null ? null : now.plus(Duration.ofDays(expiresInDays)), caller.userId(), now));
        events.publishEvent(new FileEvent("file.link_created", fileId, caller.userId(), now,
                Map.of("share_id", link.id().toString(), "permission", permission)));
        return ShareView.of(link, properties.publicUrl());
    }

    @Transactional
    public void revokeLink(Caller caller, UUID fileId, UUID shareId) {
        AccessPolicy.require(access.onFile(caller, fileId), Permission.MANAGE, "File", fileId);
        Share link = shares.findById(shareId)
            .filter(s -> s.fileId().equals(fileId) && s.token() != null)
            .orElseThrow(() -> ApiException.notFound("Share link", shareId));
        Instant now = clock.instant();
        link.revoke(now);
        events.publishEvent(new FileEvent("file.link_revoked", fileId, caller.userId(), now,
                Map.of("share_id", shareId.toString())));
    }

    /** Opens a link: counts the access and returns what it shows. */
    @Transactional
    public LinkView open(String token, String password, Optional<Caller> caller) {
        Share link = usable(token, password, caller);
        link.recordAccess(clock.instant());
        Caller viewer = caller.orElseGet(Caller::anonymous);
        FileView file = fileService.showThroughLink(viewer, link.fileId(),
                Permission.valueOf(link.permission().toUpperCase()));
        if (link.versionId() == null) {
            return new LinkView(file, link.permission(), null, link.expiresAt());
        }
        return jdbc.sql("SELECT version_number, canvas_data::text AS canvas, note_content FROM versions WHERE id = :id")
            .param("id", link.versionId())
            .query((rs, row) -> new LinkView(
                    new FileView(file.file(),
                            rs.getString("canvas") == null ? file.canvasData() : rs.getString("canvas"),
                            rs.getString("note_content") == null ? "" : rs.getString("note_content"), "view"),
                    "view", rs.getInt("version_number"), link.expiresAt()))
            .single();
    }

    /** Edits the file through an edit link (If-Match as for any edit). */
    @Transactional
    public FileView edit(String token, String password, Optional<Caller> caller, String ifMatch, Files.Change change) {
        return fileService.changeThroughLink(caller.orElseGet(Caller::anonymous),
                editable(usable(token, password, caller)).fileId(), ifMatch, change);
    }

    /**
     * The file behind an edit link its holder may use now (checked as {@link #edit}
     * checks it, 403 for a view link): for storing a picture the holder puts on the
     * canvas.
     */
    @Transactional(readOnly = true)
    public UUID fileEditableThroughLink(String token, String password, Optional<Caller> caller) {
        return editable(usable(token, password, caller)).fileId();
    }

    /**
     * {@link #fileEditableThroughLink} again, for a holder it let through already: inside
     * the transaction that writes, so that a link revoked or a file trashed since stops
     * the write. The password is not compared again: a link's never changes (revoking is
     * the only change), and BCrypt is slow. Not transactional itself: it reads in the
     * caller's writing transaction.
     */
    public void stillEditableThroughLink(String token, Optional<Caller> caller) {
        editable(usable(token, null, caller, false));
    }

    private static Share editable(Share link) {
        if (!"edit".equals(link.permission())) {
            throw new ApiException(HttpStatus.FORBIDDEN, "permission_denied", "This link only lets you view the file.");
        }
        return link;
    }

    /**
     * The file behind a link its holder may use now, checked exactly as {@link #open}
     * checks it (revoked, expired, team-only, password, deleted file) but not counted as
     * an access: for fetching what the document the link showed refers to.
     */
    @Transactional(readOnly = true)
    public UUID fileThroughLink(String token, String password, Optional<Caller> caller) {
        return usable(token, password, caller).fileId();
    }

    /** A live, public, password-free link and its file: what oEmbed may describe. */
    @Transactional(readOnly = true)
    public Optional<DiagramFile> embeddable(String token) {
        return shares.findByToken(token)
            .filter(s -> s.revokedAt() == null && !s.isExpired(clock.instant()) && !s.teamOnly()
                    && s.passwordHash() == null)
            .flatMap(s -> files.findById(s.fileId()))
            .filter(f -> !f.isTrashed());
    }

    private Share usable(String token, String password, Optional<Caller> caller) {
        return usable(token, password, caller, true);
    }

    private Share usable(String token, String password, Optional<Caller> caller, boolean checkPassword) {
        Share link = shares.findByToken(token)
            .orElseThrow(
                    () -> new ApiException(HttpStatus.NOT_FOUND, "link_not_found", "This share link does not exist."));
        if (link.revokedAt() != null) {
            throw new ApiException(HttpStatus.GONE, "link_revoked", "This share link was revoked by the file's owner.");
        }
        if (link.isExpired(clock.instant())) {
            throw new ApiException(HttpStatus.GONE, "link_expired",
                    "This share link expired at " + link.expiresAt() + ".");
        }
        if (link.teamOnly()) {
            Caller who = caller.orElseThrow(() -> ApiException.unauthorized("authentication_required",
                    "This link is for members of the file's team: sign in first."));
            DiagramFile file = files.findById(link.fileId())
                .orElseThrow(() -> ApiException.notFound("File", link.fileId()));
            if (!who.isMember(file.teamId()) && access.onFile(who, file.id()) == Permission.NONE) {
                throw new ApiException(HttpStatus.FORBIDDEN, "team_only_link",
                        "This link is only for members of the file's team.");
            }
        }
        if (checkPassword && link.passwordHash() != null) {
            if (password == null || password.isEmpty()) {
                throw new ApiException(HttpStatus.FORBIDDEN, "password_required",
                        "This link is protected: send its password in the X-Share-Password header.");
            }
            if (!passwords.matches(password, link.passwordHash())) {
                throw new ApiException(HttpStatus.FORBIDDEN, "wrong_password", "The link's password is not correct.");
            }
        }
        if (files.findById(link.fileId()).map(DiagramFile::isTrashed).orElse(true)) {
            throw new ApiException(HttpStatus.NOT_FOUND, "link_not_found", "The file behind this link was deleted.");
        }
        return link;
    }

    private void touchActivity(UUID fileId, Instant now) {
        jdbc.sql("UPDATE files SET last_activity_at = :now WHERE id = :id")
            .param("id", fileId)
            .param("now", java.sql.Timestamp.from(now))
            .update();
    }

}
