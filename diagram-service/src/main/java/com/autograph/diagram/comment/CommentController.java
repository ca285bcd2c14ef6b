package com.autograph.diagram.comment;

import java.util.List;
import java.util.UUID;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Size;

import org.springframework.http.HttpStatus;
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
import com.autograph.shared.security.TrustedIdentity;

/**
 * Comment threads: {@code /api/diagrams/{fileId}/comments} for a file's threads,
 * {@code /api/diagrams/comments/{id}} for one comment (any comment id is also its
 * thread's permalink). Without view permission on the file every endpoint answers 404.
 */
@RestController
@RequestMapping("/api/diagrams")
class CommentController {

    private static final int MAX_PAGE_SIZE = 100;

    /** Bounds what the request may hold before the service reads it. */
    private static final int MAX_REQUEST_TEXT = 200_000;

    record AnchorRequest(@Size(max = 8) String kind, @Size(max = 128) String shapeId, Double x, Double y, Integer start,
            Integer end) {
    }

    record NewThread(@Size(max = MAX_REQUEST_TEXT) String content, @Valid AnchorRequest anchor,
            @Size(max = 1000) List<@Size(max = 320) String> mentions) {
    }

    record NewReply(@Size(max = MAX_REQUEST_TEXT) String content,
            @Size(max = 1000) List<@Size(max = 320) String> mentions) {
    }

    record ChangeComment(@Size(max = MAX_REQUEST_TEXT) String content,
            @Size(max = 1000) List<@Size(max = 320) String> mentions) {
    }

    private final Comments comments;

    CommentController(Comments comments) {
        this.comments = comments;
    }

    @Operation(summary = "Start a comment thread",
            description = "Anchored to the file (no anchor), a shape (kind shape, shape_id), a canvas point (kind point,"
                    + " x, y) or a range of the note (kind note, start, end). mentions: user ids or e-mail addresses of"
                    + " people who can see the file. View permission is enough to comment.")
    @ApiResponse(responseCode = "201", description = "The new thread.")
    @ApiResponse(responseCode = "400", description = "Empty or oversize text, a bad anchor, too many mentions.")
    @ApiResponse(responseCode = "404", description = "No such file, or you may not see it.")
    @ApiResponse(responseCode = "409", description = "The file is in the trash.")
    @ApiResponse(responseCode = "422",
            description = "unknown_shape; mention_without_access naming the people (people, can_share).")
    @PostMapping("/{fileId}/comments")
    @ResponseStatus(HttpStatus.CREATED)
    Comments.ThreadView start(TrustedIdentity identity, @PathVariable UUID fileId,
            @Valid @RequestBody NewThread request) {
        AnchorRequest a = request.anchor();
        Comments.Anchor anchor = a == null ? null
                : new Comments.Anchor(a.kind(), a.shapeId(), a.x(), a.y(), a.start(), a.end());
        return comments.start(identity, Caller.of(identity), fileId, request.content(), anchor, request.mentions());
    }

    @Operation(summary = "List a file's comment threads",
            description = "Newest first; each thread with its first comment and its latest reply (GET"
                    + " /api/diagrams/comments/{id} has them all). Comments name their author (author_id,"
                    + " author_name) and resolved threads who resolved them (resolved_by, resolved_by_name): full"
                    + " names, null for a deleted account.")
    @ApiResponse(responseCode = "200", description = "A page of threads.")
    @ApiResponse(responseCode = "404", description = "No such file, or you may not see it.")
    @GetMapping("/{fileId}/comments")
    Comments.ThreadPage list(TrustedIdentity identity, @PathVariable UUID fileId,
            @Parameter(description = "open, resolved or all") @RequestParam(defaultValue = "all") String status,
            @Parameter(description = "Only threads you started or replied to") @RequestParam(
                    defaultValue = "false") boolean mine,
            @Parameter(description = "Only threads that mention you") @RequestParam(name = "mentioning_me",
                    defaultValue = "false") boolean mentioningMe,
            @Parameter(description = "Words the thread's comments contain") @RequestParam(required = false) String q,
            @RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "50") int size) {
        if (!List.of("open", "resolved", "all").contains(status)) {
            throw Parameters.invalid("status", "must be open, resolved or all, not '" + status + "'");
        }
        if (page > 10_000) {
            throw Parameters.invalid("page", "must be at most 10000");
        }
        return comments.list(Caller.of(identity), fileId, new Comments.Filter(status, mine, mentioningMe, q,
                Parameters.page(page), Parameters.size(size, MAX_PAGE_SIZE)));
    }

    @Operation(summary = "A comment's thread (permalink)",
            description = "The whole thread of any of its comments, oldest first, each naming its author"
                    + " (author_name; null for a deleted account).")
    @ApiResponse(responseCode = "200", description = "The thread with its replies.")
    @ApiResponse(responseCode = "404", description = "No such comment, or you may not see its file.")
    @GetMapping("/comments/{id}")
    Comments.ThreadView thread(TrustedIdentity identity, @PathVariable UUID id) {
        return comments.thread(Caller.of(identity), id);
    }

    @Operation(summary = "Reply in a thread")
    @ApiResponse(responseCode = "201", description = "The thread with the reply.")
    @ApiResponse(responseCode = "404", description = "No such comment, or you may not see its file.")
    @ApiResponse(responseCode = "422", description = "mention_without_access; the thread is full (limit_exceeded).")
    @PostMapping("/comments/{id}/replies")
    @ResponseStatus(HttpStatus.CREATED)
    Comments.ThreadView reply(TrustedIdentity identity, @PathVariable UUID id, @Valid @RequestBody NewReply request) {
        return comments.reply(identity, Caller.of(identity), id, request.content(), request.mentions());
    }

    @Operation(summary = "Edit your comment",
            description = "The earlier text is kept (GET …/history). mentions, when given, replace the comment's.")
    @ApiResponse(responseCode = "200", description = "The edited comment.")
    @ApiResponse(responseCode = "403", description = "The comment is someone else's.")
    @ApiResponse(responseCode = "404", description = "No such comment, or you may not see its file.")
    @PatchMapping("/comments/{id}")
    Comments.CommentView edit(TrustedIdentity identity, @PathVariable UUID id,
            @Valid @RequestBody ChangeComment request) {
        return comments.edit(identity, Caller.of(identity), id, request.content(), request.mentions());
    }

    @Operation(summary = "A comment's edit history")
    @GetMapping("/comments/{id}/history")
    Comments.History history(TrustedIdentity identity, @PathVariable UUID id) {
        return comments.history(Caller.of(identity), id);
    }

    @Operation(summary = "Delete a comment",
            description = "Its author, the file's owner or an admin of its team; the first comment takes its thread.")
    @ApiResponse(responseCode = "403", description = "Neither your comment nor your file.")
    @DeleteMapping("/comments/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void delete(TrustedIdentity identity, @PathVariable UUID id) {
        comments.delete(Caller.of(identity), id);
    }

    @Operation(summary = "Resolve a thread", description = "Idempotent; anyone who may comment may resolve.")
    @PostMapping("/comments/{id}/resolve")
    Comments.ThreadView resolve(TrustedIdentity identity, @PathVariable UUID id) {
        return comments.resolve(Caller.of(identity), id, true);
    }

    @Operation(summary = "Reopen a resolved thread", description = "Idempotent.")
    @PostMapping("/comments/{id}/reopen")
    Comments.ThreadView reopen(TrustedIdentity identity, @PathVariable UUID id) {
        return comments.resolve(Caller.of(identity), id, false);
    }

    @Operation(summary = "React to a comment",
            description = "emoji: thumbs_up, thumbs_down, heart, laugh, tada, eyes, rocket or confused; idempotent.")
    @ApiResponse(responseCode = "200", description = "The comment with its reactions.")
    @ApiResponse(responseCode = "400", description = "Not one of the emoji.")
    @ApiResponse(responseCode = "422", description = "The comment carries the most reactions it may.")
    @PutMapping("/comments/{id}/reactions/{emoji}")
    Comments.CommentView react(TrustedIdentity identity, @PathVariable UUID id, @PathVariable String emoji) {
        return comments.react(Caller.of(identity), id, emoji, true);
    }

    @Operation(summary = "Take back your reaction")
    @DeleteMapping("/comments/{id}/reactions/{emoji}")
    Comments.CommentView unreact(TrustedIdentity identity, @PathVariable UUID id, @PathVariable String emoji) {
        return comments.react(Caller.of(identity), id, emoji, false);
    }

}
