package com.autograph.diagram.folder;

import java.net.URI;
import java.util.List;
import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;

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
import com.autograph.diagram.web.Parameters;
import com.autograph.diagram.user.UserDirectory;
import com.autograph.shared.security.TrustedIdentity;
import com.autograph.shared.text.CodePointLength;

@RestController
@RequestMapping("/api/diagrams/folders")
class FolderController {

    static final String COLOR = "|#[0-9a-fA-F]{3}|#[0-9a-fA-F]{6}";

    // Named for the API document: springdoc names a schema by the simple class name, and
    // the
    // file and version controllers have a CreateRequest and a ChangeRequest of their own.
    @Schema(name = "CreateFolderRequest")
    record CreateRequest(@NotBlank @CodePointLength(max = 255) String name, UUID parentId, UUID teamId,
            @Pattern(regexp = COLOR, message = "must be #rgb or #rrggbb") String color, @Size(max = 64) String icon) {
    }

    @Schema(name = "ChangeFolderRequest")
    record ChangeRequest(
            @CodePointLength(min = 1, max = 255) @Pattern(regexp = "(?s).*\\S.*",
                    message = "must not be blank") String name,
            @Pattern(regexp = COLOR, message = "must be #rgb or #rrggbb (empty: none)") String color,
            @Size(max = 64) String icon) {
    }

    /**
     * parent_id must be there: an explicit null moves to the top level, so a forgotten
     * field must not. A class, not a record: the setter tells an explicit null from an
     * absent field.
     */
    static final class FolderMoveRequest {

        private UUID parentId;

        private boolean given;

        public UUID getParentId() {
            return parentId;
        }

        public void setParentId(UUID parentId) {
            this.parentId = parentId;
            this.given = true;
        }

        UUID target() {
            return Parameters.moveTarget("parent_id", given, parentId);
        }

    }

    record ShareRequest(@NotNull @Pattern(regexp = "view|edit", message = "must be view or edit") String permission) {
    }

    record Tree(List<Folders.Node> items) {
    }

    private final Folders folders;

    private final UserDirectory users;

    FolderController(Folders folders, UserDirectory users) {
        this.folders = folders;
        this.users = users;
    }

    @Operation(summary = "Create a folder")
    @ApiResponse(responseCode = "201", description = "Created; Location names the new folder.")
    @PostMapping
    ResponseEntity<Folders.FolderView> create(TrustedIdentity identity, @Valid @RequestBody CreateRequest request) {
        Folders.FolderView view = folders.create(Caller.of(identity), request.name(), request.parentId(),
                request.teamId(), request.color(), request.icon());
        return ResponseEntity.created(URI.create("/api/diagrams/folders/" + view.id())).body(view);
    }

    @Operation(summary = "Your folder tree")
    @GetMapping("/tree")
    Tree tree(TrustedIdentity identity, @RequestParam(name = "team_id", required = false) UUID teamId) {
        return new Tree(folders.tree(Caller.of(identity), teamId));
    }

    @Operation(summary = "Open a folder")
    @GetMapping("/{id}")
    Folders.FolderView get(TrustedIdentity identity, @PathVariable UUID id) {
        return folders.get(Caller.of(identity), id);
    }

    @Operation(summary = "Rename a folder")
    @PatchMapping("/{id}")
    Folders.FolderView change(TrustedIdentity identity, @PathVariable UUID id,
            @Valid @RequestBody ChangeRequest request) {
        return folders.change(Caller.of(identity), id, request.name(), request.color(), request.icon());
    }

    @Operation(summary = "Move a folder")
    @ApiResponse(responseCode = "200", description = "The folder where it now is.")
    @ApiResponse(responseCode = "409", description = "The move would put the folder inside itself.")
    @PostMapping("/{id}/move")
    Folders.FolderView move(TrustedIdentity identity, @PathVariable UUID id, @RequestBody FolderMoveRequest request) {
        return folders.move(Caller.of(identity), id, request.target());
    }

    @Operation(summary = "Delete a folder")
    @DeleteMapping("/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void delete(TrustedIdentity identity, @PathVariable UUID id) {
        folders.delete(Caller.of(identity), id);
    }

    @Operation(summary = "Share a folder with a user, by user id or e-mail address")
    @ApiResponse(responseCode = "404", description = "The folder is not found, or no account has the e-mail address.")
    @ApiResponse(responseCode = "422", description = "There is no such user, or it is you.")
    @PutMapping("/{id}/shares/users/{user}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void share(TrustedIdentity identity, @PathVariable UUID id,
            @Parameter(description = UserDirectory.USER_PARAMETER) @PathVariable String user,
            @Valid @RequestBody ShareRequest request) {
        folders.share(Caller.of(identity), id, users.resolveOther(identity, user), request.permission());
    }

    @Operation(summary = "Stop sharing a folder with a user, by user id or e-mail address")
    @DeleteMapping("/{id}/shares/users/{user}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void unshare(TrustedIdentity identity, @PathVariable UUID id,
            @Parameter(description = UserDirectory.USER_PARAMETER) @PathVariable String user) {
        folders.unshare(Caller.of(identity), id, users.resolve(identity, user));
    }

}
