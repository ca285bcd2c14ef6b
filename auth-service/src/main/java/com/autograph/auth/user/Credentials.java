package com.autograph.auth.user;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.regex.Pattern;

import org.springframework.http.HttpStatus;

import com.autograph.shared.error.ApiException;

/**
 * E-mail normalisation and the password rule, in one place so every endpoint applies the
 * same.
 */
public final class Credentials {

    public static final int MIN_PASSWORD_LENGTH = 12;

    /** BCrypt reads at most 72 bytes; longer passwords would be silently truncated. */
    public static final int MAX_PASSWORD_BYTES = 72;

    public static final String PASSWORD_RULE = "at least " + MIN_PASSWORD_LENGTH + " characters and at most "
            + MAX_PASSWORD_BYTES + " bytes, not a single repeated character and not the e-mail address";

    // Deliberately simple: one @, no spaces, a dot in the domain. Deliverability is
    // proven by the
    // verification mail, not by a regular expression.
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]{1,64}@[^@\\s.]+(\\.[^@\\s.]+)+");

    private Credentials() {
    }

    public static String normaliseEmail(String raw) {
        String email = raw == null ? "" : raw.strip().toLowerCase(Locale.ROOT);
        if (email.length() > 320 || !EMAIL.matcher(email).matches()) {
            throw new ApiException(HttpStatus.UNPROCESSABLE_CONTENT, "invalid_email",
                    "email must be an address like name@example.com.");
        }
        return email;
    }

    public static void checkPassword(String password, String email) {
        boolean tooShort = password == null || password.codePointCount(0, password.length()) < MIN_PASSWORD_LENGTH;
        boolean tooLong = password != null && password.getBytes(StandardCharsets.UTF_8).length > MAX_PASSWORD_BYTES;
        boolean repeated = password != null && !password.isEmpty() && password.chars().distinct().count() == 1;
        boolean isEmail = password != null && email != null && password.equalsIgnoreCase(email);
        if (tooShort || tooLong || repeated || isEmail) {
            throw new ApiException(HttpStatus.UNPROCESSABLE_CONTENT, "weak_password",
                    "password must be " + PASSWORD_RULE + ".");
        }
    }

}
