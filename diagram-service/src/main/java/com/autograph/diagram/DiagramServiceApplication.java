package com.autograph.diagram;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * diagram-service (port 8082): files, folders, versions, shares, comments, search and
 * templates.
 */
@SpringBootApplication
public class DiagramServiceApplication {

    public static void main(String[] args) {
        SpringApplication.run(DiagramServiceApplication.class, args);
    }

}
