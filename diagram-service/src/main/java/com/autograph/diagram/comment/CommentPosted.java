package com.autograph.diagram.comment;

import java.util.List;
import java.util.UUID;

/**
 * A comment was written (a new thread, a reply, or an edit that mentions someone new),
 * published inside the writing transaction so that what it causes (notifications) commits
 * with it.
 *
 * @param threadId the thread's first comment (equal to {@code commentId} for a new
 * thread)
 * @param newlyMentioned people the comment mentions who were not mentioned in it before
 * (all of them for a new comment); each may see the file
 * @param participants earlier authors in the thread, first author first (empty for a new
 * thread)
 * @param edit whether the comment was edited rather than written
 */
public record CommentPosted(UUID fileId, String fileTitle, UUID fileOwnerId, UUID commentId, UUID threadId,
        UUID authorId, String excerpt, List<UUID> newlyMentioned, List<UUID> participants, boolean edit) {

    public CommentPosted {
        newlyMentioned = List.copyOf(newlyMentioned);
        participants = List.copyOf(participants);
    }
}
