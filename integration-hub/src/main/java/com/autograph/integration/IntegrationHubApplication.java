package com.autograph.integration;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * integration-hub (port 8099): webhooks and Slack, Jira, Confluence, Notion and Azure
 * DevOps integrations.
 */
@SpringBootApplication
public class IntegrationHubApplication {

    public static void main(String[] args) {
        SpringApplication.run(IntegrationHubApplication.class, args);
    }

}
