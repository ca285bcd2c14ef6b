package com.autograph.auth.mfa;

import java.util.Map;

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

import com.autograph.auth.web.Callers;
import com.autograph.shared.security.TrustedIdentity;

import com.fasterxml.jackson.annotation.JsonProperty;

@RestController
@RequestMapping("/api/auth/mfa")
class MfaController {

    record Code(@NotNull @Size(max = 32) String code) {
    }

    record Disable(@NotNull @Size(max = 200) String password, @NotNull @Size(max = 32) String code) {
    }

    record EnabledView(@JsonProperty("backup_codes") java.util.List<String> backupCodes) {
    }

    private final MultiFactor mfa;

    MfaController(MultiFactor mfa) {
        this.mfa = mfa;
    }

    /** A new secret and its otpauth:// URI (for a QR code); confirm with /enable. */
    @Operation(summary = "Start setting up two-factor authentication")
    @ApiResponse(responseCode = "200", description = "The secret and its otpauth URI.")
    @ApiResponse(responseCode = "409", description = "MFA is already enabled.")
    @PostMapping("/setup")
    Map<String, String> setup(TrustedIdentity caller) {
        Callers.requireSession(caller);
        return mfa.setup(Callers.id(caller));
    }

    @Operation(summary = "Enable two-factor authentication with a first code")
    @ApiResponse(responseCode = "200", description = "MFA is on; the backup codes, shown once.")
    @ApiResponse(responseCode = "409", description = "MFA is already enabled, or not set up yet.")
    @PostMapping("/enable")
    EnabledView enable(TrustedIdentity caller, @Valid @RequestBody Code request) {
        Callers.requireSession(caller);
        return new EnabledView(mfa.enable(Callers.id(caller), request.code()).backupCodes());
    }

    @Operation(summary = "Disable two-factor authentication")
    @ApiResponse(responseCode = "409", description = "MFA is not enabled.")
    @PostMapping("/disable")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void disable(TrustedIdentity caller, @Valid @RequestBody Disable request) {
        Callers.requireSession(caller);
        mfa.disable(Callers.id(caller), request.password(), request.code());
    }

}
