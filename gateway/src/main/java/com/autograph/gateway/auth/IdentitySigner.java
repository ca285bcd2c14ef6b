package com.autograph.gateway.auth;

/**
 * Holds the identity-signing secret (IDENTITY_SIGNING_SECRET) for
 * {@link IdentityHeadersFilter}.
 */
record IdentitySigner(byte[] secret) {
}
