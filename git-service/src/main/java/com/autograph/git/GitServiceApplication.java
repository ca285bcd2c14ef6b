package com.autograph.git;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * git-service (port 8087): repositories, commits and pull requests of diagrams; code to
 * diagram.
 */
@SpringBootApplication
public class GitServiceApplication {

    public static void main(String[] args) {
        SpringApplication.run(GitServiceApplication.class, args);
    }

}
