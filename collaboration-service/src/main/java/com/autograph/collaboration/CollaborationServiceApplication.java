package com.autograph.collaboration;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** collaboration-service (port 8083): rooms, presence and live edits over WebSocket. */
@SpringBootApplication
public class CollaborationServiceApplication {

    public static void main(String[] args) {
        SpringApplication.run(CollaborationServiceApplication.class, args);
    }

}
