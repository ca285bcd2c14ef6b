package com.autograph.diagram.tag;

import java.util.List;
import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import com.autograph.diagram.access.Caller;
import com.autograph.shared.security.TrustedIdentity;
import com.autograph.shared.text.CodePointLength;

@RestController
@RequestMapping("/api/diagrams")
class TagController {

    record CreateTag(@NotBlank @CodePointLength(max = 50) String name, @Size(max = 32) String color) {
    }

    record ChangeTag(@CodePointLength(max = 50) String name, @Size(max = 32) String color) {
    }

    record TagList(List<Tags.TagView> items, int page, int size, long total) {
    }

    private final Tags tags;

    TagController(Tags tags) {
        this.tags = tags;
    }

    @Operation(summary = "Create a tag")
    @ApiResponse(responseCode = "409", description = "You have a tag with this name.")
    @PostMapping("/tags")
    @ResponseStatus(HttpStatus.CREATED)
    Tags.TagView create(TrustedIdentity identity, @Valid @RequestBody CreateTag request) {
        return tags.create(Caller.of(identity), request.name(), request.color());
    }

    @Operation(summary = "List your tags")
    @GetMapping("/tags")
    TagList list(TrustedIdentity identity) {
        List<Tags.TagView> items = tags.list(Caller.of(identity));
        return new TagList(items, 0, items.size(), items.size());
    }

    @Operation(summary = "Rename or recolour a tag")
    @ApiResponse(responseCode = "200", description = "The changed tag.")
    @ApiResponse(responseCode = "409", description = "You have a tag with this name.")
    @PatchMapping("/tags/{id}")
    Tags.TagView change(TrustedIdentity identity, @PathVariable UUID id, @Valid @RequestBody ChangeTag request) {
        return tags.change(Caller.of(identity), id, request.name(), request.color());
    }

    @Operation(summary = "Delete a tag")
    @DeleteMapping("/tags/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void delete(TrustedIdentity identity, @PathVariable UUID id) {
        tags.delete(Caller.of(identity), id);
    }

    @Operation(summary = "Tag a file")
    @PutMapping("/{fileId}/tags/{tagId}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void tag(TrustedIdentity identity, @PathVariable UUID fileId, @PathVariable UUID tagId) {
        tags.tag(Caller.of(identity), fileId, tagId);
    }

    @Operation(summary = "Remove a tag from a file")
    @DeleteMapping("/{fileId}/tags/{tagId}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void untag(TrustedIdentity identity, @PathVariable UUID fileId, @PathVariable UUID tagId) {
        tags.untag(Caller.of(identity), fileId, tagId);
    }

}
