package com.autograph.collaboration.room;

import java.time.Duration;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * Rooms and their limits ({@code autograph.collaboration.*}; every setting is listed in
 * docs/configuration.md and docs/collaboration-protocol.md).
 *
 * @param maxMessageSize a client message larger than this is refused before it is parsed
 * @param maxOpsPerMessage operations in one {@code op} message
 * @param maxShapes shapes a room's document may hold
 * @param maxMembers connections in one room (all instances together)
 * @param maxSockets sockets one instance holds at most (all rooms, all people)
 * @param maxSocketsPerUser sockets one signed-in user holds at most on one instance
 * @param maxGuestSocketsPerAddress sockets guests (share-link holders not signed in) from
 * one client address hold at most on one instance
 * @param messagesPerSecond the token bucket's refill per connection
 * @param messageBurst the bucket's size
 * @param floodStrikes messages refused by the bucket before the socket is closed
 * @param cursorUpdatesPerSecond cursor updates one connection's peers see at most
 * @param saveDebounce how long after the last edit the room is saved to diagram-service
 * @param snapshotEvery a snapshot of the room is kept in Redis every so many operations
 * @param logRetention operations kept in the log before the newest snapshot (for
 * reconnects)
 * @param recentEntries entries each instance keeps in memory per room to replay on
 * reconnect
 * @param heartbeatTimeout a connection silent this long is closed and its presence ends
 * @param idleAfter a connection without edits or pointer moves this long shows as away
 * @param lockTtl how long an element lock holds without being renewed
 * @param undoDepth operations each user can undo
 * @param activitySize entries kept in a room's activity feed
 * @param activityMerge one person's edits in a room merge into one activity entry until
 * they pause this long (an entry spans at most 30 s)
 * @param conflictWindow two users editing one shape within this time get a warning
 */
@Validated
@ConfigurationProperties("autograph.collaboration")
public record CollaborationProperties(@NotNull @DefaultValue("256KB") DataSize maxMessageSize,
        @Min(1) @Max(10_000) @DefaultValue("200") int maxOpsPerMessage, @Min(1) @DefaultValue("20000") int maxShapes,
        @Min(1) @DefaultValue("500") int maxMembers, @Min(1) @DefaultValue("500") int maxSockets,
        @Min(1) @DefaultValue("20") int maxSocketsPerUser, @Min(1) @DefaultValue("50") int maxGuestSocketsPerAddress,
        @Min(1) @DefaultValue("60") int messagesPerSecond, @Min(1) @DefaultValue("120") int messageBurst,
        @Min(1) @DefaultValue("50") int floodStrikes, @Min(1) @Max(1000) @DefaultValue("20") int cursorUpdatesPerSecond,
        @NotNull @DefaultValue("2s") Duration saveDebounce, @Min(1) @DefaultValue("200") int snapshotEvery,
        @Min(0) @DefaultValue("5000") int logRetention, @Min(1) @DefaultValue("2000") int recentEntries,
        @NotNull @DefaultValue("60s") Duration heartbeatTimeout, @NotNull @DefaultValue("5m") Duration idleAfter,
        @NotNull @DefaultValue("60s") Duration lockTtl, @Min(1) @DefaultValue("100") int undoDepth,
        @Min(1) @DefaultValue("100") int activitySize, @NotNull @DefaultValue("5s") Duration activityMerge,
        @NotNull @DefaultValue("3s") Duration conflictWindow) {
}
