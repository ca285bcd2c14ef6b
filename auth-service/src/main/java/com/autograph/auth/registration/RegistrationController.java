package com.autograph.auth.registration;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
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

import com.autograph.auth.user.UserView;
import com.autograph.shared.text.CodePointLength;

import com.fasterxml.jackson.annotation.JsonProperty;

@RestController
@RequestMapping("/api/auth")
class RegistrationController {

    record RegisterRequest(@NotNull @Size(max = 320) String email, @NotNull @Size(max = 200) String password,
            @NotBlank @CodePointLength(max = 200) @JsonProperty("full_name") String fullName,
            /*
             * From a team invitation link: the account becomes a member once its address
             * is verified.
             */
            @Size(max = 200) @JsonProperty("invitation_token") String invitationToken) {
    }

    private final Registration registration;

    RegistrationController(Registration registration) {
        this.registration = registration;
    }

    @Operation(summary = "Register an account")
    @ApiResponse(responseCode = "409", description = "An account with this e-mail address exists.")
    @ApiResponse(responseCode = "422", description = "The e-mail address is invalid or the password too weak.")
    @ApiResponse(responseCode = "403",
            description = "invitation_for_another_email: the invitation token was sent to another address.")
    @ApiResponse(responseCode = "404", description = "invitation_invalid: no invitation has this token.")
    @ApiResponse(responseCode = "410", description = "invitation_expired or invitation_revoked.")
    @PostMapping("/register")
    @ResponseStatus(HttpStatus.CREATED)
    UserView register(@Valid @RequestBody RegisterRequest request) {
        return UserView.of(registration.register(request.email(), request.password(), request.fullName(),
                request.invitationToken()));
    }

}
