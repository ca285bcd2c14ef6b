package com.autograph.diagram.folder;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * A folder; folders nest through {@code parentId}, at most
 * {@code autograph.diagrams.max-folder-depth} deep.
 */
@Entity
@Table(name = "folders")
class Folder {

    @Id
    @GeneratedValue(strategy = GenerationType.UUID)
    private UUID id;

    @Column(nullable = false)
    private UUID ownerId;

    private UUID teamId;

    private UUID parentId;

    @Column(nullable = false)
    private String name;

    private String color;

    private String icon;

    @Column(nullable = false, updatable = false)
    private Instant createdAt;

    @Column(nullable = false)
    private Instant updatedAt;

    private Instant deletedAt;

    protected Folder() {
    }

    Folder(UUID ownerId, UUID teamId, UUID parentId, String name, String color, String icon, Instant now) {
        this.ownerId = ownerId;
        this.teamId = teamId;
        this.parentId = parentId;
        this.name = name;
        this.color = color;
        this.icon = icon;
        this.createdAt = now;
        this.updatedAt = now;
    }

    UUID id() {
        return id;
    }

    UUID ownerId() {
        return ownerId;
    }

    UUID teamId() {
        return teamId;
    }

    UUID parentId() {
        return parentId;
    }

    String name() {
        return name;
    }

    String color() {
        return color;
    }

    String icon() {
        return icon;
    }

    Instant createdAt() {
        return createdAt;
    }

    Instant updatedAt() {
        return updatedAt;
    }

    void change(String name, String color, String icon, Instant now) {
        if (name != null) {
            this.name = name;
        }
        if (color != null) {
            this.color = color.isEmpty() ? null : color;
        }
        if (icon != null) {
            this.icon = icon.isEmpty() ? null : icon;
        }
        this.updatedAt = now;
    }

    void moveTo(UUID parentId, Instant now) {
        this.parentId = parentId;
        this.updatedAt = now;
    }

}
