package com.autograph.auth.verification;

import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import com.autograph.auth.user.Credentials;
import com.autograph.auth.user.UserRepository;
import com.autograph.auth.user.UserView;
import com.autograph.auth.web.Callers;
import com.autograph.shared.error.ApiException;
import com.autograph.shared.security.TrustedIdentity;

@RestController
@RequestMapping("/api/auth/verify-email")
class VerificationController {

    record Verification(@NotNull @Size(max = 200) String token) {
    }

    private final EmailVerification verification;

    private final UserRepository users;

    VerificationController(EmailVerification verification, UserRepository users) {
        this.verification = verification;
        this.users = users;
    }

    @Operation(summary = "Verify an e-mail address with the token from its link")
    @PostMapping
    UserView verify(@Valid @RequestBody Verification request) {
        return UserView.of(verification.verify(request.token()));
    }

    record LinkRequest(@NotNull @Size(max = 320) String email) {
    }

    /**
     * A new link for an address, without a login: with REQUIRE_VERIFIED_EMAIL an
     * unverified account cannot log in, so this is how it gets past an expired link.
     * Always 202: whether the address has an account, or is already verified, is not
     * disclosed.
     */
    @Operation(summary = "Send a new verification link to an address (no login)")
    @PostMapping("/request")
    @ResponseStatus(HttpStatus.ACCEPTED)
    void request(@Valid @RequestBody LinkRequest request) {
        verification.resend(Credentials.normaliseEmail(request.email()));
    }

    /** A new link (the previous one stops working). */
    @Operation(summary = "Send a new verification link to the signed-in user")
    @ApiResponse(responseCode = "409", description = "The address is already verified.")
    @PostMapping("/resend")
    @ResponseStatus(HttpStatus.ACCEPTED)
    void resend(TrustedIdentity caller) {
        Callers.requireSession(caller);
        UUID id = Callers.id(caller);
        var user = users.findById(id).orElseThrow(() -> ApiException.notFound("Account", id));
        if (user.isVerified()) {
            throw new ApiException(HttpStatus.CONFLICT, "already_verified", "This e-mail address is already verified.");
        }
        verification.send(user);
    }

}
