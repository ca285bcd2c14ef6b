package com.autograph.auth.authentication;

import io.jsonwebtoken.JwtException;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.core.MethodParameter;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;

import com.autograph.auth.apikey.ApiKeys;
import com.autograph.auth.apikey.Scope;
import com.autograph.auth.session.Sessions;
import com.autograph.auth.token.AccessTokens;
import com.autograph.auth.web.AuthenticatedUser;
import com.autograph.shared.error.ApiException;

/**
 * Resolves {@link AuthenticatedUser} parameters from the Bearer token or an {@code X-API-Key}
 * (whose scopes must allow the request). auth-service issues the
 * tokens, so it verifies them itself, and also checks that the token's session is still alive:
 * a logged-out session's tokens stop working here at once.
 */
@Component
class AuthenticatedUserResolver implements HandlerMethodArgumentResolver {

    static final String API_KEY_HEADER = "X-API-Key";

    private final AccessTokens accessTokens;
    private final Sessions sessions;
    private final ApiKeys apiKeys;

    AuthenticatedUserResolver(AccessTokens accessTokens, Sessions sessions, ApiKeys apiKeys) {
        this.accessTokens = accessTokens;
        this.sessions = sessions;
        this.apiKeys = apiKeys;
    }

    @Override
    public boolean supportsParameter(MethodParameter parameter) {
        return parameter.getParameterType() == AuthenticatedUser.class;
    }

    @Override
    public AuthenticatedUser resolveArgument(MethodParameter parameter, ModelAndViewContainer mavContainer,
            NativeWebRequest request, WebDataBinderFactory binderFactory) {
        String apiKey = request.getHeader(API_KEY_HEADER);
        if (apiKey != null) {
            return fromApiKey(apiKey, request.getNativeRequest(HttpServletRequest.class));
        }
        String header = request.getHeader(HttpHeaders.AUTHORIZATION);
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            throw ApiException.unauthorized("authentication_required",
                    "Send an access token as 'Authorization: Bearer <token>' (POST /api/auth/login issues one).");
        }
        AccessTokens.Claimed claims;
        try {
            claims = accessTokens.verify(header.substring(7).strip());
        }
        catch (JwtException | IllegalArgumentException ex) {
            throw ApiException.unauthorized("invalid_token", "The access token is invalid or expired. Refresh it or log in again.");
        }
        if (sessions.use(claims.sessionId(), claims.userId()).isEmpty()) {
            throw ApiException.unauthorized("session_ended", "This session has ended. Log in again.");
        }
        return new AuthenticatedUser(claims.userId(), claims.email(), claims.roles(), claims.sessionId(), null);
    }

    private AuthenticatedUser fromApiKey(String apiKey, HttpServletRequest http) {
        ApiKeys.Verified key = apiKeys.verify(apiKey).orElseThrow(() -> ApiException.unauthorized("invalid_api_key",
                "The API key is unknown, expired or revoked."));
        if (!Scope.allows(key.scopes(), http.getMethod(), http.getRequestURI())) {
            throw new ApiException(HttpStatus.FORBIDDEN, "insufficient_scope", "This API key's scopes " + key.scopes()
                    + " do not allow " + http.getMethod() + " " + http.getRequestURI() + ".");
        }
        return new AuthenticatedUser(key.userId(), key.email(), key.roles(), null, key.scopes());
    }
}
