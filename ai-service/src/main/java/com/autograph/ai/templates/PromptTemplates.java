package com.autograph.ai.templates;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import org.springframework.stereotype.Component;

import com.autograph.ai.generate.CodeDraft;
import com.autograph.ai.generate.DraftRequest;
import com.autograph.ai.offline.OfflineGenerator;

/**
 * Ready prompts, one or more per kind of diagram and domain, each with its reference
 * diagram: the offline generator's code for it, made once at start-up (it is
 * deterministic). They serve as the template gallery and as few-shot examples.
 */
@Component
public class PromptTemplates {

    /** A ready prompt and the diagram it gives. */
    public record Template(String id, String title, String type, String domain, String prompt, String language,
            String referenceCode) {
    }

    private static final String[][] PROMPTS = { { "aws-ecommerce", "E-commerce on AWS", "architecture", "e-commerce",
            "An e-commerce architecture on AWS with CloudFront, two services behind an ALB, an SQS queue and Postgres" },
            { "azure-serverless", "Serverless API on Azure", "architecture", "event-driven",
                    "Serverless on Azure: API Management, a function app, Cosmos DB and Service Bus" },
            { "gcp-analytics", "Streaming analytics on Google Cloud", "architecture", "data pipeline",
                    "Google Cloud streaming analytics: Pub/Sub, Dataflow, BigQuery and Looker" },
            { "k8s-deployment", "Kubernetes deployment", "architecture", "kubernetes",
                    "Kubernetes deployment with an ingress, a service, a deployment of 3 pods, a configmap and a persistent volume claim" },
            { "devops-pipeline", "CI/CD pipeline", "flowchart", "devops", "A flowchart for a CI/CD pipeline" },
            { "loan-approval", "Loan approval", "flowchart", "fintech", "Loan approval process flowchart for a bank" },
            { "oauth-code-flow", "OAuth 2.0 authorization code flow", "sequence", "oauth",
                    "Sequence diagram of the OAuth 2.0 authorization code flow" },
            { "ecommerce-er", "E-commerce data model", "er", "e-commerce", "ER diagram for an e-commerce store" },
            { "clinic-classes", "Clinic classes", "class", "healthcare", "Class diagram for a hospital" },
            { "order-states", "Order lifecycle", "state", "e-commerce",
                    "State diagram of an order lifecycle in an online shop" },
            { "project-plan", "Project plan", "gantt", "general", "Gantt chart for a software project" } };

    private final List<Template> templates;

    public PromptTemplates(OfflineGenerator offline) {
        List<Template> list = new ArrayList<>();
        Consumer<String> ignore = text -> {
        };
        for (String[] p : PROMPTS) {
            CodeDraft draft = offline.draft(new DraftRequest(p[4], null, null, null, null, null, null), ignore);
            list.add(new Template(p[0], p[1], p[2], p[3], p[4], draft.language(), draft.code()));
        }
        this.templates = List.copyOf(list);
    }

    public List<Template> all() {
        return templates;
    }

}
