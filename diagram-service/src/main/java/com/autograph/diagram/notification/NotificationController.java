package com.autograph.diagram.notification;

import java.util.Map;
import java.util.UUID;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
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
 * The caller's notifications and e-mail choices; the unsubscribe link of a mail needs no
 * sign-in (its token names the user).
 */
@RestController
@RequestMapping("/api/diagrams/notifications")
class NotificationController {

    private static final int MAX_PAGE_SIZE = 100;

    record MarkedRead(int marked) {
    }

    record UnsubscribeRequest(@NotNull @Size(max = 200) String token) {
    }

    record Unsubscribed(String type, String email) {
    }

    private final Notifications notifications;

    NotificationController(Notifications notifications) {
        this.notifications = notifications;
    }

    @Operation(summary = "Your notifications",
            description = "Newest first, with unread_count (all your unread ones). Types: mention, reply,"
                    + " comment_on_file, share, team_invitation. actor_id and actor_name name who caused it"
                    + " (the name is null for a deleted account).")
    @GetMapping
    Notifications.NotificationPage list(TrustedIdentity identity,
            @Parameter(description = "Only unread ones") @RequestParam(defaultValue = "false") boolean unread,
            @RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "20") int size) {
        if (page > 10_000) {
            throw Parameters.invalid("page", "must be at most 10000");
        }
        return notifications.list(Caller.of(identity), unread, Parameters.page(page),
                Parameters.size(size, MAX_PAGE_SIZE));
    }

    @Operation(summary = "Mark a notification read")
    @ApiResponse(responseCode = "404", description = "No such notification of yours.")
    @PostMapping("/{id}/read")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void markRead(TrustedIdentity identity, @PathVariable UUID id) {
        notifications.markRead(Caller.of(identity), id);
    }

    @Operation(summary = "Mark all your notifications read")
    @PostMapping("/read-all")
    MarkedRead markAllRead(TrustedIdentity identity) {
        return new MarkedRead(notifications.markAllRead(Caller.of(identity)));
    }

    @Operation(summary = "Your e-mail choice per notification type",
            description = "immediate, daily (one digest a day) or off, per type.")
    @GetMapping("/preferences")
    Map<String, String> preferences(TrustedIdentity identity) {
        return notifications.preferences(Caller.of(identity).userId());
    }

    @Operation(summary = "Change your e-mail choices",
            description = "A map of type to immediate, daily or off; types not named stay as they are.")
    @ApiResponse(responseCode = "200", description = "The caller's e-mail choice per notification type.")
    @ApiResponse(responseCode = "400", description = "An unknown type or choice.")
    @PutMapping("/preferences")
    Map<String, String> changePreferences(TrustedIdentity identity,
            @RequestBody @Size(max = 16) Map<@Size(max = 32) String, @Size(max = 16) String> changes) {
        return notifications.changePreferences(Caller.of(identity).userId(), changes);
    }

    @Operation(summary = "Unsubscribe from a notification mail",
            description = "The token of a mail's unsubscribe link; turns off mail of that type. No sign-in needed.")
    @ApiResponse(responseCode = "200", description = "The notification type the link's owner no longer gets by e-mail.")
    @ApiResponse(responseCode = "400", description = "Not a valid unsubscribe token.")
    @PostMapping("/unsubscribe")
    Unsubscribed unsubscribe(@Valid @RequestBody UnsubscribeRequest request) {
        UnsubscribeTokens.Unsubscribe done = notifications.unsubscribe(request.token());
        return new Unsubscribed(done.type(), "off");
    }

}
