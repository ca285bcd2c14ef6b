package com.autograph.diagram.file;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import org.hibernate.annotations.ColumnTransformer;
import org.hibernate.annotations.DynamicUpdate;

/**
 * A diagram, a note or both. {@code lockVersion} is the optimistic lock behind the ETag:
 * every write runs {@code UPDATE … WHERE id = ? AND lock_version = ?}, so a concurrent
 * write is refused, never overwritten. Counters (views, exports) are changed in SQL,
 * never through this entity. Updates set only the columns that changed: a rename must not
 * send the canvas back for the database to parse into JSONB again.
 */
@Entity
@Table(name = "files")
@DynamicUpdate
public class DiagramFile {

    public static final int MAX_TITLE_LENGTH = 255;

    @Id
    @GeneratedValue(strategy = GenerationType.UUID)
    private UUID id;

    @Column(nullable = false)
    private UUID ownerId;

    private UUID teamId;

    private UUID folderId;

    @Column(nullable = false)
    private String title;

    @Column(name = "file_type", nullable = false)
    private String fileType;

    // JSONB: the driver reads it as text; writes need the cast.
    @Column(nullable = false)
    @ColumnTransformer(write = "?::jsonb")
    private String canvasData;

    @Column(nullable = false)
    private String noteContent;

    @Column(nullable = false)
    private String searchText;

    @Column(nullable = false)
    private long sizeBytes;

    @Column(insertable = false, updatable = false)
    private int currentVersion;

    @Version
    @Column(nullable = false)
    private long lockVersion;

    private UUID createdBy;

    private UUID updatedBy;

    @Column(nullable = false)
    private Instant lastActivityAt;

    @Column(nullable = false, updatable = false)
    private Instant createdAt;

    @Column(nullable = false)
    private Instant updatedAt;

    private Instant deletedAt;

    protected DiagramFile() {
    }

    DiagramFile(UUID ownerId, UUID teamId, UUID folderId, String title, FileType type, FileContent content,
            Instant now) {
        this.ownerId = ownerId;
        this.teamId = teamId;
        this.folderId = folderId;
        this.title = title;
        this.fileType = type.value();
        this.createdBy = ownerId;
        this.updatedBy = ownerId;
        this.createdAt = now;
        this.updatedAt = now;
        this.lastActivityAt = now;
        setContent(content);
    }

    public UUID id() {
        return id;
    }

    public UUID ownerId() {
        return ownerId;
    }

    public UUID teamId() {
        return teamId;
    }

    public UUID folderId() {
        return folderId;
    }

    public String title() {
        return title;
    }

    public FileType type() {
        return FileType.of(fileType).orElseThrow();
    }

    public String canvasData() {
        return canvasData;
    }

    public String noteContent() {
        return noteContent;
    }

    /**
     * Canvas, shape text and note as they are now (the canvas parsed only if asked for).
     */
    public FileContent content() {
        return FileContent.stored(canvasData, searchText, noteContent);
    }

    public long lockVersion() {
        return lockVersion;
    }

    public UUID updatedBy() {
        return updatedBy;
    }

    public boolean isTrashed() {
        return deletedAt != null;
    }

    public Instant deletedAt() {
        return deletedAt;
    }

    void rename(String newTitle) {
        this.title = newTitle;
    }

    void changeType(FileType type) {
        this.fileType = type.value();
    }

    void setContent(FileContent content) {
        this.canvasData = content.canvasJson();
        this.searchText = content.searchText();
        this.noteContent = content.noteContent();
        this.sizeBytes = content.sizeBytes();
    }

    void moveTo(UUID folderId) {
        this.folderId = folderId;
    }

    /** Every change: who, when; also counts as activity. */
    void touch(UUID actor, Instant now) {
        this.updatedBy = actor;
        this.updatedAt = now;
        this.lastActivityAt = now;
    }

    void trash(UUID actor, Instant now) {
        this.deletedAt = now;
        touch(actor, now);
    }

    void restore(UUID actor, Instant now, boolean folderGone) {
        this.deletedAt = null;
        if (folderGone) {
            this.folderId = null;
        }
        touch(actor, now);
    }

}
