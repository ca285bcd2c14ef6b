package com.autograph.diagram.transfer;

import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import com.autograph.diagram.access.Caller;
import com.autograph.diagram.user.UserDirectory;
import com.autograph.shared.error.ApiException;
import com.autograph.shared.security.TrustedIdentity;

@RestController
@RequestMapping("/api/diagrams")
class TransferController {

    @Schema(name = "TransferRequest")
    record TransferRequest(
            @Schema(description = UserDirectory.USER_PARAMETER + " Exactly one of to_user and to_team.") @Size(
                    max = 320) String toUser,
            UUID toTeam,
            @Schema(description = "With to_user: the share the previous owner keeps (default edit).",
                    allowableValues = {
                            "edit", "view", "none" }) @Pattern(regexp = "edit|view|none",
                                    message = "must be edit, view or none") String previousOwnerAccess){
    }

    private final Transfers transfers;

    private final UserDirectory users;

    TransferController(Transfers transfers, UserDirectory users) {
        this.transfers = transfers;
        this.users = users;
    }

    @Operation(summary = "Transfer a file to another person or to a team")
    @ApiResponse(responseCode = "200", description = "The file's new owner and team.")
    @ApiResponse(responseCode = "400", description = "Not exactly one of to_user and to_team.")
    @ApiResponse(responseCode = "403",
            description = "You are not the file's owner or an admin of its team,"
                    + " or not an editor or admin of the team named.")
    @ApiResponse(responseCode = "404",
            description = "No such file, or you may not see it; or no account has the" + " e-mail address.")
    @ApiResponse(responseCode = "409", description = "The file is in the trash.")
    @ApiResponse(responseCode = "422",
            description = "The person already owns it or cannot see it"
                    + " (recipient_without_access: share it first).")
    @PostMapping("/{id}/transfer")
    Transfers.TransferResult transferFile(TrustedIdentity identity, @PathVariable UUID id,
            @Valid @RequestBody TransferRequest request) {
        return transfers.file(Caller.of(identity), id, target(identity, request));
    }

    @Operation(summary = "Transfer a folder, with what its owner owns inside it, to another person or to a team")
    @ApiResponse(responseCode = "200",
            description = "The folder's new owner and team, and how many files and" + " folders went with it.")
    @ApiResponse(responseCode = "400", description = "Not exactly one of to_user and to_team.")
    @ApiResponse(responseCode = "403",
            description = "You are not the folder's owner or an admin of its team,"
                    + " or not an editor or admin of the team named.")
    @ApiResponse(responseCode = "404",
            description = "No such folder, or you may not see it; or no account has the" + " e-mail address.")
    @ApiResponse(responseCode = "422",
            description = "The person already owns it or cannot see it"
                    + " (recipient_without_access), or it holds too many items (too_many_items).")
    @PostMapping("/folders/{id}/transfer")
    Transfers.TransferResult transferFolder(TrustedIdentity identity, @PathVariable UUID id,
            @Valid @RequestBody TransferRequest request) {
        return transfers.folder(Caller.of(identity), id, target(identity, request));
    }

    private Transfers.Target target(TrustedIdentity identity, TransferRequest request) {
        boolean toUser = request.toUser() != null;
        if (toUser == (request.toTeam() != null)) {
            throw new ApiException(HttpStatus.BAD_REQUEST, "validation_failed",
                    "Name exactly one of to_user (a user id or e-mail address) and to_team.");
        }
        if (!toUser) {
            if (request.previousOwnerAccess() != null) {
                throw new ApiException(HttpStatus.BAD_REQUEST, "validation_failed",
                        "previous_owner_access goes with to_user only: given to a team, the owner stays.");
            }
            return new Transfers.Target(null, request.toTeam(), null);
        }
        String access = request.previousOwnerAccess() == null ? "edit" : request.previousOwnerAccess();
        return new Transfers.Target(users.resolve(identity, request.toUser().strip()), null, access);
    }

}
