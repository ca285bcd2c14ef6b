package com.autograph.diagram.folder;

import java.net.URI;
import java.util.List;
import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import com.autograph.diagram.access.Caller;
import com.autograph.shared.security.TrustedIdentity;
import com.autograph.shared.text.CodePointLength;

@RestController
@RequestMapping("/api/diagrams/folders")
class FolderController {

    static final String COLOR = "|#[0-9a-fA-F]{3}|#[0-9a-fA-F]{6}";

    record CreateRequest(@NotBlank @CodePointLength(max = 255) String name, UUID parentId, UUID teamId,
            @Pattern(regexp = COLOR, message = "must be #rgb or #rrggbb") String color, @Size(max = 64) String icon) {
    }

    record ChangeRequest(@CodePointLength(min = 1, max = 255) @Pattern(regexp = "(?s).*\\S.*", message = "must not be blank") String name,
            @Pattern(regexp = COLOR, message = "must be #rgb or #rrggbb (empty: none)") String color,
            @Size(max = 64) String icon) {
    }

    record MoveRequest(UUID parentId) {
    }

    record ShareRequest(@NotNull @Pattern(regexp = "view|edit", message = "must be view or edit") String permission) {
    }

    record Tree(List<Folders.Node> items) {
    }

    private final Folders folders;

    FolderController(Folders folders) {
        this.folders = folders;
    }

    @PostMapping
    ResponseEntity<Folders.FolderView> create(TrustedIdentity identity, @Valid @RequestBody CreateRequest request) {
        Folders.FolderView view = folders.create(Caller.of(identity), request.name(), request.parentId(), request.teamId(),
                request.color(), request.icon());
        return ResponseEntity.created(URI.create("/api/diagrams/folders/" + view.id())).body(view);
    }

    @GetMapping("/tree")
    Tree tree(TrustedIdentity identity, @RequestParam(name = "team_id", required = false) UUID teamId) {
        return new Tree(folders.tree(Caller.of(identity), teamId));
    }

    @GetMapping("/{id}")
    Folders.FolderView get(TrustedIdentity identity, @PathVariable UUID id) {
        return folders.get(Caller.of(identity), id);
    }

    @PatchMapping("/{id}")
    Folders.FolderView change(TrustedIdentity identity, @PathVariable UUID id, @Valid @RequestBody ChangeRequest request) {
        return folders.change(Caller.of(identity), id, request.name(), request.color(), request.icon());
    }

    @PostMapping("/{id}/move")
    Folders.FolderView move(TrustedIdentity identity, @PathVariable UUID id, @RequestBody MoveRequest request) {
        return folders.move(Caller.of(identity), id, request.parentId());
    }

    @DeleteMapping("/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void delete(TrustedIdentity identity, @PathVariable UUID id) {
        folders.delete(Caller.of(identity), id);
    }

    @PutMapping("/{id}/shares/users/{userId}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void share(TrustedIdentity identity, @PathVariable UUID id, @PathVariable UUID userId,
            @Valid @RequestBody ShareRequest request) {
        folders.share(Caller.of(identity), id, userId, request.permission());
    }

    @DeleteMapping("/{id}/shares/users/{userId}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void unshare(TrustedIdentity identity, @PathVariable UUID id, @PathVariable UUID userId) {
        folders.unshare(Caller.of(identity), id, userId);
    }
}
