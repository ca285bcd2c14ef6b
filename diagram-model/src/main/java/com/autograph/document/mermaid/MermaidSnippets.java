package com.autograph.document.mermaid;

import java.util.List;
import java.util.Optional;

/**
 * Ready-made Mermaid diagrams for common patterns, for editors to offer as starting
 * points (a service serves them as they are). Each one parses without errors; a test
 * makes sure.
 */
public final class MermaidSnippets {

    /** One template: a stable id, a title and a sentence for pickers, and the code. */
    public record Snippet(String id, String title, String description, String code) {
    }

    private static final List<Snippet> ALL = List.of(
            new Snippet("microservices", "Microservices",
                    "An API gateway in front of services, each with its own store, and an event bus.", """
                            flowchart LR
                                client([Client]) --> gateway{{API gateway}}
                                subgraph services [Services]
                                    gateway --> users[User service]
                                    gateway --> orders[Order service]
                                    gateway --> billing[Billing service]
                                end
                                users --> usersDb[(Users DB)]
                                orders --> ordersDb[(Orders DB)]
                                billing --> billingDb[(Billing DB)]
                                orders -.->|OrderPlaced| bus>Event bus]
                                bus -.-> billing
                                classDef store fill:#e3f2fd,stroke:#1565c0
                                class usersDb,ordersDb,billingDb store
                            """),
            new Snippet("three-tier", "3-tier architecture", "Presentation, application and data tiers.", """
                    flowchart TB
                        subgraph presentation [Presentation tier]
                            browser[Web browser]
                            mobile[Mobile app]
                        end
                        subgraph application [Application tier]
                            lb{{Load balancer}}
                            app1[App server 1]
                            app2[App server 2]
                        end
                        subgraph data [Data tier]
                            db[(Primary database)]
                            replica[(Read replica)]
                        end
                        browser & mobile --> lb
                        lb --> app1 & app2
                        app1 & app2 --> db
                        db -.->|replication| replica
                    """),
            new Snippet("oauth-flow", "OAuth 2.0 authorization code flow",
                    "Authorization code with PKCE between user, client, authorization server and API.", """
                            sequenceDiagram
                                autonumber
                                actor User
                                participant Client as Client app
                                participant AS as Authorization server
                                participant API as Resource server
                                User->>Client: Sign in
                                Client->>AS: Authorization request (code_challenge)
                                AS->>User: Login and consent
                                User->>AS: Approve
                                AS-->>Client: Authorization code
                                Client->>+AS: Token request (code, code_verifier)
                                AS-->>-Client: Access token and refresh token
                                Client->>+API: Request with Bearer token
                                API-->>-Client: Protected resource
                            """),
            new Snippet("sequence", "Request and response",
                    "A client calling a service that reads a database, with an error branch.", """
                            sequenceDiagram
                                participant C as Client
                                participant S as Service
                                participant D as Database
                                C->>+S: GET /items/42
                                S->>+D: SELECT item 42
                                D-->>-S: row
                                alt item found
                                    S-->>C: 200 OK
                                else not found
                                    S-->>C: 404 Not Found
                                end
                                deactivate S
                                Note over C,S: Retries use exponential backoff
                            """),
            new Snippet("er", "Entity relationships", "Customers, orders, line items and products.", """
                    erDiagram
                        CUSTOMER {
                            uuid id PK
                            string email UK
                            string name
                        }
                        ORDER {
                            uuid id PK
                            uuid customer_id FK
                            timestamp placed_at
                        }
                        LINE_ITEM {
                            uuid order_id PK, FK
                            uuid product_id PK, FK
                            int quantity
                        }
                        PRODUCT {
                            uuid id PK
                            string name
                            decimal price
                        }
                        CUSTOMER ||--o{ ORDER : places
                        ORDER ||--|{ LINE_ITEM : contains
                        PRODUCT ||--o{ LINE_ITEM : "appears in"
                    """), new Snippet("state-machine", "State machine", "An order's lifecycle with a choice.", """
                    stateDiagram-v2
                        state paid_check <<choice>>
                        [*] --> Created
                        Created --> paid_check : checkout
                        paid_check --> Paid : payment ok
                        paid_check --> Cancelled : payment failed
                        Paid --> Shipped
                        Shipped --> [*]
                        Cancelled --> [*]
                    """),
            new Snippet("class", "Class hierarchy", "An interface, an abstract class and two implementations.", """
                    classDiagram
                        class Repository~T~ {
                            <<interface>>
                            +findById(id) T
                            +save(T entity)
                        }
                        class JdbcRepository~T~ {
                            <<abstract>>
                            #DataSource dataSource
                        }
                        Repository <|.. JdbcRepository
                        JdbcRepository <|-- UserRepository
                        JdbcRepository <|-- OrderRepository
                    """), new Snippet("gantt", "Project plan", "Phases with dependencies and a milestone.", """
                    gantt
                        title Project plan
                        dateFormat YYYY-MM-DD
                        section Plan
                            Requirements :req, 2025-01-06, 5d
                            Design :des, after req, 5d
                        section Build
                            Implementation :impl, after des, 15d
                            Testing :test, after impl, 5d
                        section Launch
                            Release :milestone, rel, after test, 0d
                    """),
            new Snippet("git-flow", "Git flow", "Feature branch merged to develop, release merged to main.", """
                    gitGraph
                        commit id: "init"
                        branch develop
                        commit
                        branch feature
                        commit
                        commit
                        checkout develop
                        merge feature
                        checkout main
                        merge develop tag: "v1.0"
                    """));

    private MermaidSnippets() {
    }

    public static List<Snippet> all() {
        return ALL;
    }

    public static Optional<Snippet> find(String id) {
        return ALL.stream().filter(s -> s.id().equals(id)).findFirst();
    }

}
