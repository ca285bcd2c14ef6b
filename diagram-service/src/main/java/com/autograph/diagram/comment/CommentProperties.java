package com.autograph.diagram.comment;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Limits on comments ({@code autograph.diagrams.comments.*}): every count a client
 * controls is bounded here and checked before anything is stored.
 *
 * @param maxLength characters (code points) one comment may hold
 * @param maxMentions people one comment may mention
 * @param maxReactions reactions one comment may carry in all (each person may add each
 * emoji once)
 * @param maxRepliesPerThread replies one thread may hold
 * @param maxSearchLength characters a search query may hold
 */
@Validated
@ConfigurationProperties("autograph.diagrams.comments")
public record CommentProperties(@Min(1) @Max(100_000) @DefaultValue("10000") int maxLength,
        @Min(0) @Max(1000) @DefaultValue("20") int maxMentions,
        @Min(0) @Max(100_000) @DefaultValue("500") int maxReactions,
        @Min(1) @Max(100_000) @DefaultValue("1000") int maxRepliesPerThread,
        @Min(1) @Max(1000) @DefaultValue("200") int maxSearchLength) {
}
