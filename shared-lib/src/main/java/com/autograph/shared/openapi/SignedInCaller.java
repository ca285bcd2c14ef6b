package com.autograph.shared.openapi;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a type that controllers take as "the caller", resolved from the request's credentials
 * rather than bound from its parameters (like shared-lib's {@code TrustedIdentity}): the API
 * document leaves such arguments out, and documents 401 and 403 for the operations that take one.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface SignedInCaller {
}
