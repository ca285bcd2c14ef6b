package com.autograph.diagram.batch;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.swagger.v3.oas.annotations.Operation;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import com.autograph.diagram.access.Caller;
import com.autograph.diagram.file.Files;
import com.autograph.diagram.web.Parameters;
import com.autograph.diagram.tag.Tags;
import com.autograph.shared.error.ApiException;
import com.autograph.shared.security.TrustedIdentity;

/**
 * One request, many files: delete (to trash), move or tag. Each item is done in its own
 * transaction, so one refused item never undoes the others; the answer lists every
 * outcome.
 */
@RestController
@RequestMapping("/api/diagrams/batch")
class BatchController {

    static final int MAX_ITEMS = 500;

    private static final Logger log = LoggerFactory.getLogger(BatchController.class);

    enum Action {

        DELETE, MOVE, TAG, UNTAG

    }

    /**
     * A class, not a record: its folder_id setter tells an explicit null (move to the top
     * level) from an absent field, which a move must not take for the top level.
     */
    static final class BatchRequest {

        @NotNull
        private String action;

        @NotEmpty
        @Size(max = MAX_ITEMS)
        private List<@NotNull UUID> ids;

        private UUID folderId;

        private boolean folderGiven;

        private UUID tagId;

        public String getAction() {
            return action;
        }

        public void setAction(String action) {
            this.action = action;
        }

        public List<UUID> getIds() {
            return ids;
        }

        public void setIds(List<UUID> ids) {
            this.ids = ids;
        }

        public UUID getFolderId() {
            return folderId;
        }

        public void setFolderId(UUID folderId) {
            this.folderId = folderId;
            this.folderGiven = true;
        }

        public UUID getTagId() {
            return tagId;
        }

        public void setTagId(UUID tagId) {
            this.tagId = tagId;
        }

        String action() {
            return action;
        }

        List<UUID> ids() {
            return ids;
        }

        UUID tagId() {
            return tagId;
        }

    }

    record ItemResult(UUID id, int status, String code, String detail) {
    }

    record BatchResult(String action, List<ItemResult> results, int succeeded, int failed) {
    }

    private final Files files;

    private final Tags tags;

    BatchController(Files files, Tags tags) {
        this.files = files;
        this.tags = tags;
    }

    @Operation(summary = "Run one operation on many files")
    @PostMapping
    BatchResult run(TrustedIdentity identity, @Valid @RequestBody BatchRequest request) {
        Action action = action(request.action());
        if ((action == Action.TAG || action == Action.UNTAG) && request.tagId() == null) {
            throw new ApiException(HttpStatus.BAD_REQUEST, "validation_failed",
                    "tag_id is required to " + request.action() + ".");
        }
        UUID folderId = action == Action.MOVE
                ? Parameters.moveTarget("folder_id", request.folderGiven, request.folderId) : null;
        Caller caller = Caller.of(identity);
        List<ItemResult> results = new ArrayList<>();
        int succeeded = 0;
        for (UUID id : new LinkedHashSet<>(request.ids())) {
            try {
                switch (action) {
                    case DELETE -> files.trash(caller, id);
                    case MOVE -> files.move(caller, id, folderId);
                    case TAG -> tags.tag(caller, id, request.tagId());
                    case UNTAG -> tags.untag(caller, id, request.tagId());
                }
                results.add(new ItemResult(id, 200, "ok", null));
                succeeded++;
            }
            catch (ApiException ex) {
                results.add(new ItemResult(id, ex.status().value(), ex.code(), ex.getMessage()));
            }
            catch (RuntimeException ex) {
                // The other items stand; this one is reported, and logged with its cause.
                log.error("Batch {} of file {} failed", action, id, ex);
                results.add(new ItemResult(id, 500, "internal_error", "This item failed; quote the correlation_id."));
            }
        }
        return new BatchResult(action.name().toLowerCase(), results, succeeded, results.size() - succeeded);
    }

    private static Action action(String value) {
        try {
            return Action.valueOf(value.toUpperCase());
        }
        catch (IllegalArgumentException ex) {
            throw new ApiException(HttpStatus.BAD_REQUEST, "invalid_parameter",
                    "action must be one of delete, move, tag, untag, not '" + value + "'.");
        }
    }

}
