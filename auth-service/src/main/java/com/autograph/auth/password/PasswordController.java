package com.autograph.auth.password;

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
import com.autograph.auth.web.Callers;
import com.autograph.shared.security.TrustedIdentity;

import com.fasterxml.jackson.annotation.JsonProperty;

@RestController
@RequestMapping("/api/auth")
class PasswordController {

    record ResetRequest(@NotNull @Size(max = 320) String email) {
    }

    record ResetConfirmation(@NotNull @Size(max = 200) String token,
            @NotNull @Size(max = 200) @JsonProperty("new_password") String newPassword) {
    }

    record PasswordChange(@NotNull @Size(max = 200) @JsonProperty("current_password") String currentPassword,
            @NotNull @Size(max = 200) @JsonProperty("new_password") String newPassword) {
    }

    private final PasswordService passwords;

    PasswordController(PasswordService passwords) {
        this.passwords = passwords;
    }

    /** Always 202: whether the address has an account is not disclosed. */
    @Operation(summary = "Request a password-reset link (no login)")
    @PostMapping("/password-reset")
    @ResponseStatus(HttpStatus.ACCEPTED)
    void requestReset(@Valid @RequestBody ResetRequest request) {
        passwords.requestReset(Credentials.normaliseEmail(request.email()));
    }

    @Operation(summary = "Set a new password with a reset link's token")
    @ApiResponse(responseCode = "422", description = "The new password is too weak.")
    @PostMapping("/password-reset/confirm")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void reset(@Valid @RequestBody ResetConfirmation request) {
        passwords.reset(request.token(), request.newPassword());
    }

    @Operation(summary = "Change your password")
    @ApiResponse(responseCode = "422", description = "The new password is too weak.")
    @PostMapping("/password/change")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void change(TrustedIdentity caller, @Valid @RequestBody PasswordChange request) {
        passwords.change(Callers.id(caller), Callers.requireSession(caller), request.currentPassword(),
                request.newPassword());
    }

}
