package com.autograph.collaboration.web;

import java.util.List;
import java.util.UUID;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import com.autograph.collaboration.diagram.DiagramFiles;
import com.autograph.collaboration.room.Rooms;
import com.autograph.shared.security.TrustedIdentity;

import tools.jackson.databind.JsonNode;

/**
 * A room seen over REST: who is in it and what they did (the same data the socket's
 * welcome carries), for anyone who may view the file.
 */
@RestController
@Validated
@RequestMapping("/api/collaboration/files/{id}")
class CollaborationController {

    record Presence(List<JsonNode> items, int total) {
    }

    record Activity(List<JsonNode> items, int total) {
    }

    private final Rooms rooms;

    private final DiagramFiles files;

    CollaborationController(Rooms rooms, DiagramFiles files) {
        this.rooms = rooms;
        this.files = files;
    }

    @Operation(summary = "Who is in a file's room now",
            description = "Each member: connection_id, user_id, name, color, permission, status (online or away),"
                    + " joined_at, last_seen, and cursor, selection, editing and viewport when known.")
    @ApiResponse(responseCode = "200", description = "The members, on every instance.")
    @ApiResponse(responseCode = "404", description = "No such file, or you may not see it.")
    @GetMapping("/presence")
    Presence presence(TrustedIdentity identity, @PathVariable UUID id) {
        files.access(identity, id);
        List<JsonNode> members = rooms.members(id);
        return new Presence(members, members.size());
    }

    @Operation(summary = "A file's recent live-editing activity",
            description = "Newest first: at, user_id, name, summary (\"ana added 3 shapes\") and counts by kind.")
    @ApiResponse(responseCode = "200", description = "The newest entries.")
    @ApiResponse(responseCode = "404", description = "No such file, or you may not see it.")
    @GetMapping("/activity")
    Activity activity(TrustedIdentity identity, @PathVariable UUID id,
            @Parameter(description = "How many entries (1 to 100).") @RequestParam(
                    defaultValue = "20") @Min(1) @Max(100) int size) {
        files.access(identity, id);
        List<JsonNode> entries = rooms.activity(id, size);
        return new Activity(entries, entries.size());
    }

}
