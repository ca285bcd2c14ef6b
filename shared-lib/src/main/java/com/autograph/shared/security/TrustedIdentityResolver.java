package com.autograph.shared.security;

import java.time.Clock;
import java.util.Optional;

import org.springframework.core.MethodParameter;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;

import com.autograph.shared.error.ApiException;

/**
 * Resolves {@link TrustedIdentity} controller parameters from the gateway's signed
 * headers. A request without them, with a wrong signature or with an expired timestamp
 * gets a 401 {@code authentication_required}: the only way in is through the gateway.
 * {@code Optional<TrustedIdentity>} parameters serve endpoints open to anonymous callers
 * too (share links): empty without identity headers, still 401 for forged or stale ones.
 */
public class TrustedIdentityResolver implements HandlerMethodArgumentResolver {

    private final IdentityProperties properties;

    private final Clock clock;

    public TrustedIdentityResolver(IdentityProperties properties, Clock clock) {
        this.properties = properties;
        this.clock = clock;
    }

    @Override
    public boolean supportsParameter(MethodParameter parameter) {
        return parameter.getParameterType() == TrustedIdentity.class || (parameter.getParameterType() == Optional.class
                && parameter.nestedIfOptional().getNestedParameterType() == TrustedIdentity.class);
    }

    @Override
    public Object resolveArgument(MethodParameter parameter, ModelAndViewContainer mavContainer,
            NativeWebRequest request, WebDataBinderFactory binderFactory) {
        if (parameter.getParameterType() == Optional.class) {
            return request.getHeader(TrustedIdentity.USER_ID) == null
                    && request.getHeader(TrustedIdentity.SIGNATURE) == null ? Optional.empty()
                            : Optional.of(verify(request));
        }
        return verify(request);
    }

    private TrustedIdentity verify(NativeWebRequest request) {
        return TrustedIdentity
            .verify(request::getHeader, properties.secretBytes(), clock.instant(), properties.maxAge())
            .orElseThrow(() -> ApiException.unauthorized("authentication_required",
                    "This endpoint needs a signed-in caller: send the request through the gateway with an access"
                            + " token or API key."));
    }

}
