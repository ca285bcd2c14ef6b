package com.autograph.auth.verification;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import com.autograph.auth.user.UserRepository;
import com.autograph.auth.user.UserView;
import com.autograph.auth.web.AuthenticatedUser;
import com.autograph.shared.error.ApiException;

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

    @PostMapping
    UserView verify(@Valid @RequestBody Verification request) {
        return UserView.of(verification.verify(request.token()));
    }

    /** A new link (the previous one stops working). */
    @PostMapping("/resend")
    @ResponseStatus(HttpStatus.ACCEPTED)
    void resend(AuthenticatedUser caller) {
        caller.requireSession();
        var user = users.findById(caller.id()).orElseThrow(() -> ApiException.notFound("Account", caller.id()));
        if (user.isVerified()) {
            throw new ApiException(HttpStatus.CONFLICT, "already_verified", "This e-mail address is already verified.");
        }
        verification.send(user);
    }
}
