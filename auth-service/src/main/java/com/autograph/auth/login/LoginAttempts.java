package com.autograph.auth.login;

import java.time.Duration;
import java.util.Locale;

import org.springframework.stereotype.Component;

import com.autograph.auth.AuthProperties;
import com.autograph.auth.WindowCounters;

/**
 * Failed logins per client IP and e-mail in a Redis window
 * ({@code login-failures:{ip}:{email}}), so the limit holds across auth-service
 * instances.
 */
@Component
class LoginAttempts {

    private final WindowCounters counters;

    private final AuthProperties.LoginProtection settings;

    LoginAttempts(WindowCounters counters, AuthProperties properties) {
        this.counters = counters;
        this.settings = properties.login();
    }

    /** How long the caller must wait, or zero when another attempt is allowed. */
    Duration retryAfter(String ip, String email) {
        String name = name(ip, email);
        return counters.count(name) < settings.maxFailuresPerWindow() ? Duration.ZERO : counters.remaining(name);
    }

    void recordFailure(String ip, String email) {
        counters.increment(name(ip, email), settings.failureWindow());
    }

    void clear(String ip, String email) {
        counters.reset(name(ip, email));
    }

    private static String name(String ip, String email) {
        return "login-failures:" + ip + ":" + email.toLowerCase(Locale.ROOT);
    }

}
