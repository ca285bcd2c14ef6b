package com.autograph.ai.offline;

import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The subject areas the offline generator knows a typical diagram for, recognised by
 * their words. Earlier domains win ties: OAuth is more specific than any login flow.
 */
enum Domain {

    OAUTH("oauth", "oauth2", "authorization code", "openid", "oidc", "sso", "single sign-on", "pkce"), DEVOPS("ci/cd",
            "ci cd", "cicd", "devops", "continuous integration", "continuous delivery", "jenkins", "github actions",
            "gitlab ci", "ci", "build job", "build pipeline", "release pipeline", "deployment pipeline"),
    KUBERNETES("kubernetes", "k8s", "helm", "pods", "pod", "eks", "aks", "gke"),
    DATA_PIPELINE("data pipeline", "etl", "elt", "ingestion", "data lake", "data warehouse", "warehouse", "analytics",
            "streaming data", "batch processing", "bigquery", "redshift"),
    EVENT_DRIVEN("event-driven", "event driven", "events", "pub/sub", "publish", "subscribe", "kafka", "event bus",
            "message broker"),
    THREE_TIER("3-tier", "three-tier", "three tier", "web tier", "n-tier", "web app"),
    ECOMMERCE("e-commerce", "ecommerce", "online shop", "online store", "shop", "checkout", "cart", "retail", "orders",
            "order", "marketplace", "products", "catalog"),
    FINTECH("fintech", "bank", "banking", "payment", "payments", "wallet", "loan", "transactions", "transaction",
            "trading", "ledger", "money transfer", "card"),
    HEALTHCARE("health", "healthcare", "hospital", "patient", "patients", "clinic", "medical", "ehr", "doctor",
            "appointment", "appointments", "telemedicine"),
    AUTH("login", "log in", "sign in", "sign-in", "signin", "authentication", "sign up", "signup", "registration",
            "password", "2fa", "mfa", "jwt"),
    GENERIC();

    private final Pattern pattern;

    Domain(String... words) {
        StringBuilder b = new StringBuilder("(?<![\\p{L}\\p{N}])(?:");
        for (int i = 0; i < words.length; i++) {
            b.append(i == 0 ? "" : "|").append(Pattern.quote(words[i]));
        }
        this.pattern = words.length == 0 ? null : Pattern.compile(b.append(")(?![\\p{L}\\p{N}])").toString());
    }

    static Domain detect(String prompt) {
        String p = prompt.toLowerCase(Locale.ROOT);
        Domain best = GENERIC;
        long bestCount = 0;
        for (Domain d : values()) {
            if (d.pattern == null) {
                continue;
            }
            long count = d.pattern.matcher(p).results().count();
            if (count > bestCount) {
                best = d;
                bestCount = count;
            }
        }
        return best;
    }

    /** Every domain recognised in the prompt, strongest first. */
    static List<Domain> all(String prompt) {
        String p = prompt.toLowerCase(Locale.ROOT);
        return java.util.Arrays.stream(values())
            .filter(d -> d.pattern != null && d.pattern.matcher(p).find())
            .sorted(java.util.Comparator.comparingLong((Domain d) -> -d.pattern.matcher(p).results().count()))
            .toList();
    }

    String label() {
        return switch (this) {
            case OAUTH -> "OAuth 2.0";
            case DEVOPS -> "DevOps pipeline";
            case KUBERNETES -> "Kubernetes deployment";
            case DATA_PIPELINE -> "data pipeline";
            case EVENT_DRIVEN -> "event-driven system";
            case THREE_TIER -> "3-tier web application";
            case ECOMMERCE -> "e-commerce";
            case FINTECH -> "fintech";
            case HEALTHCARE -> "healthcare";
            case AUTH -> "authentication";
            case GENERIC -> "general";
        };
    }

}
