package com.autograph.gateway.app;

import java.util.List;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The browser app the gateway serves at {@code /}: a static build (frontend/dist).
 *
 * @param directory the build's folder ({@code GATEWAY_APP_DIR}); empty: no app is served
 * and {@code /} answers as before (401). When set it must hold {@code index.html}, or the
 * gateway does not start.
 * @param routes the app's own pages (path patterns): a GET of one answers index.html, so
 * a reload or a mailed link opens the page ({@code GATEWAY_APP_ROUTES})
 * @param embedRoutes pages other sites may frame (the embed view): their
 * Content-Security-Policy names {@code EMBED_FRAME_ANCESTORS} instead of {@code 'none'}
 * @param contentSecurityPolicy the policy of every file of the app, without
 * {@code frame-ancestors} (added per page): scripts only from this origin, no inline ones
 */
@Validated
@ConfigurationProperties("autograph.gateway.app")
public record AppProperties(@NotNull @DefaultValue("") String directory, @NotNull @DefaultValue( {
        "/", "/login", "/signup", "/verify-email", "/forgot-password", "/reset-password", "/join-team",
        "/notifications/unsubscribe", "/settings", "/settings/**", "/files/*", "/s/*",
        "/embed/*" }) List<@Pattern(regexp = "/\\S*",
                message = "must be a path pattern starting with /") String> routes,
        @NotNull @DefaultValue("/embed/*") List<@Pattern(regexp = "/\\S*",
                message = "must be a path pattern starting with /") String> embedRoutes,
        @NotBlank @DefaultValue(DEFAULT_POLICY) String contentSecurityPolicy){

    static final String DEFAULT_POLICY = "default-src 'self'; script-src 'self'; style-src 'self';"
            + " img-src 'self' data: blob:; font-src 'self' data:; connect-src 'self'; worker-src 'self' blob:;"
            + " manifest-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'";

}
