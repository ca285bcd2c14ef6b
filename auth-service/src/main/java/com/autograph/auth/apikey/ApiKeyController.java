package com.autograph.auth.apikey;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import io.swagger.v3.oas.annotations.Hidden;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import com.autograph.auth.web.Callers;
import com.autograph.shared.error.ApiException;
import com.autograph.shared.text.CodePointLength;
import com.autograph.shared.security.TrustedIdentity;

import com.fasterxml.jackson.annotation.JsonProperty;

@RestController
@RequestMapping("/api/auth/api-keys")
class ApiKeyController {

    record CreateRequest(@NotBlank @CodePointLength(max = 100) String name, @NotNull @Size(max = 3) List<String> scopes,
            @JsonProperty("expires_at") Instant expiresAt) {
    }

    /** The listed fields plus the key itself. */
    record CreatedView(UUID id, String name, @JsonProperty("key_prefix") String keyPrefix, List<String> scopes,
            @JsonProperty("expires_at") Instant expiresAt, @JsonProperty("created_at") Instant createdAt, String key) {

        static CreatedView of(ApiKeys.Created created) {
            ApiKeyView view = created.key();
            return new CreatedView(view.id(), view.name(), view.keyPrefix(), view.scopes(), view.expiresAt(),
                    view.createdAt(), created.secret());
        }
    }

    record KeyList(List<ApiKeyView> items, int page, int size, long total) {
    }

    record VerifyRequest(@NotNull @Size(max = 200) String key) {
    }

    /**
     * {@code expires_at} lets the gateway cache the answer no longer than the key lives.
     */
    record VerifiedView(@JsonProperty("key_id") UUID keyId, @JsonProperty("user_id") UUID userId, String email,
            List<String> roles, List<String> scopes, @JsonProperty("expires_at") Instant expiresAt) {
    }

    private final ApiKeys keys;

    ApiKeyController(ApiKeys keys) {
        this.keys = keys;
    }

    /** The key itself is in this response only: store it now. */
    @Operation(summary = "Create an API key")
    @ApiResponse(responseCode = "422", description = "A scope is unknown or the expiry is not in the future.")
    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    CreatedView create(TrustedIdentity caller, @Valid @RequestBody CreateRequest request) {
        Callers.requireSession(caller);
        return CreatedView.of(keys.create(Callers.id(caller), request.name(), request.scopes(), request.expiresAt()));
    }

    @Operation(summary = "List your API keys")
    @GetMapping
    KeyList list(TrustedIdentity caller) {
        Callers.requireSession(caller);
        List<ApiKeyView> items = keys.list(Callers.id(caller));
        return new KeyList(items, 0, items.size(), items.size());
    }

    @Operation(summary = "Revoke an API key")
    @DeleteMapping("/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void revoke(TrustedIdentity caller, @PathVariable UUID id) {
        Callers.requireSession(caller);
        keys.revoke(Callers.id(caller), id);
    }

    /**
     * For the gateway: who a key belongs to and what it may do; 401 when it is not
     * usable. The gateway asks directly, with no credentials of its own; a request
     * carrying a user's token or key came through the public route, and would learn
     * another user's e-mail from any key it holds, so for it this endpoint does not exist
     * (asked before the key is looked up: no oracle).
     */
    @Hidden // not for clients: they get 404
    @PostMapping("/verify")
    VerifiedView verify(@Valid @RequestBody VerifyRequest request, HttpServletRequest http) {
        if (http.getHeader(HttpHeaders.AUTHORIZATION) != null || http.getHeader("X-API-Key") != null) {
            throw new ApiException(HttpStatus.NOT_FOUND, "not_found",
                    "There is no endpoint POST /api/auth/api-keys/verify; check the method and path.");
        }
        return keys.verify(request.key())
            .map(v -> new VerifiedView(v.keyId(), v.userId(), v.email(), v.roles(), v.scopes(), v.expiresAt()))
            .orElseThrow(
                    () -> ApiException.unauthorized("invalid_api_key", "The API key is unknown, expired or revoked."));
    }

}
