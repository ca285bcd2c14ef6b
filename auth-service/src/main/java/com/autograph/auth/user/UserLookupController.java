package com.autograph.auth.user;

import java.util.UUID;

import io.swagger.v3.oas.annotations.Hidden;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import com.autograph.shared.error.ApiException;
import com.autograph.shared.security.TrustedIdentity;

/**
 * For the platform's other services, which must not read auth-service's tables: who has
 * an e-mail address (diagram-service shares by e-mail through it). Not routed by the
 * gateway, which passes {@code /api/auth/**} only, and not in the public API document; a
 * caller needs an identity signed with {@code IDENTITY_SIGNING_SECRET} (401 otherwise),
 * as only the gateway and the services hold it. The address goes in the body, so that it
 * is never in an access log.
 */
@Hidden
@RestController
@RequestMapping("/internal/users")
class UserLookupController {

    record LookupRequest(@NotNull @Size(max = 320) String email) {
    }

    record FoundUser(UUID id, String email) {
    }

    private final UserRepository users;

    UserLookupController(UserRepository users) {
        this.users = users;
    }

    /**
     * The active account with this address; 404 {@code unknown_user} when there is none.
     */
    @PostMapping("/lookup")
    FoundUser lookup(TrustedIdentity signedBy, @Valid @RequestBody LookupRequest request) {
        return users.findByEmail(Credentials.normaliseEmail(request.email()))
            .filter(User::isActive)
            .map(user -> new FoundUser(user.id(), user.email()))
            .orElseThrow(() -> new ApiException(HttpStatus.NOT_FOUND, "unknown_user",
                    "There is no AutoGraph account with this e-mail address."));
    }

}
