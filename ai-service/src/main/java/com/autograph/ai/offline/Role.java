package com.autograph.ai.offline;

import java.util.Set;

import com.autograph.ai.icons.Icon;

/**
 * Where a component sits in a typical system, which decides the connections drawn when
 * the prompt names none: clients → edge → ingress → compute → data, compute → messaging →
 * workers, and monitoring, security and delivery beside.
 */
enum Role {

    CLIENT, EDGE, INGRESS, COMPUTE, MESSAGING, WORKER, DATA, ANALYTICS, SECURITY, IDENTITY, OBSERVABILITY, DELIVERY,
    EXTERNAL;

    private static final Set<String> EDGE_KEYS = Set.of("dns", "cdn", "firewall", "cloudflare", "aws-route-53",
            "aws-cloudfront", "aws-waf", "aws-shield", "azure-front-door", "azure-cdn", "azure-dns", "azure-firewall",
            "azure-traffic-manager", "gcp-cloud-cdn", "gcp-cloud-dns", "gcp-cloud-armor", "aws-global-accelerator");

    private static final Set<String> INGRESS_KEYS = Set.of("load-balancer", "api-gateway", "nginx", "haproxy", "envoy",
            "traefik", "kong", "proxy", "apache-httpd", "aws-elb", "aws-alb", "aws-nlb", "aws-api-gateway",
            "aws-appsync", "azure-load-balancer", "azure-application-gateway", "azure-api-management",
            "gcp-cloud-load-balancing", "gcp-api-gateway", "gcp-apigee", "k8s-ingress", "k8s-service", "graphql");

    private static final Set<String> MESSAGING_KEYS = Set.of("aws-sqs", "aws-sns", "aws-eventbridge", "aws-mq",
            "aws-kinesis", "aws-msk", "aws-kinesis-firehose", "azure-service-bus", "azure-queue-storage",
            "azure-event-grid", "azure-event-hubs", "gcp-pubsub", "gcp-cloud-tasks", "gcp-eventarc", "webhook");

    private static final Set<String> WORKER_KEYS = Set.of("worker", "scheduler", "gcp-cloud-scheduler");

    private static final Set<String> IDENTITY_KEYS = Set.of("aws-cognito", "azure-entra-id", "azure-ad-b2c",
            "gcp-identity-platform", "keycloak", "auth0", "okta", "oauth", "openid-connect", "identity-provider",
            "ldap", "auth-service");

    private static final Set<String> EXTERNAL_KEYS = Set.of("payment-gateway", "stripe", "paypal", "bank",
            "card-network", "twilio", "sendgrid", "slack", "salesforce", "shopify", "segment", "email", "sms", "crm",
            "erp");

    private static final Set<String> DATA_KEYS = Set.of("k8s-configmap", "k8s-secret", "k8s-persistent-volume",
            "k8s-persistent-volume-claim", "k8s-storage-class", "ledger", "ehr", "fhir", "pacs", "vector-database",
            "feature-store", "aws-healthlake", "gcp-healthcare-api", "azure-health-data-services");

    static Role of(Icon icon) {
        if (icon == null) {
            return COMPUTE;
        }
        String key = icon.key();
        if (EDGE_KEYS.contains(key)) {
            return EDGE;
        }
        if (INGRESS_KEYS.contains(key)) {
            return INGRESS;
        }
        if (MESSAGING_KEYS.contains(key)) {
            return MESSAGING;
        }
        if (WORKER_KEYS.contains(key)) {
            return WORKER;
        }
        if (IDENTITY_KEYS.contains(key)) {
            return IDENTITY;
        }
        if (EXTERNAL_KEYS.contains(key)) {
            return EXTERNAL;
        }
        if (DATA_KEYS.contains(key)) {
            return DATA;
        }
        return switch (icon.category()) {
            case "people", "clients" -> CLIENT;
            case "messaging" -> MESSAGING;
            case "database", "cache", "storage", "search" -> DATA;
            case "analytics", "data" -> ANALYTICS;
            case "security" -> SECURITY;
            case "observability", "management" -> OBSERVABILITY;
            case "ci", "devtools" -> DELIVERY;
            default -> COMPUTE;
        };
    }

}
