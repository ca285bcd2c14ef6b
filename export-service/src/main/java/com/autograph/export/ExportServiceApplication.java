package com.autograph.export;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * export-service (port 8097): SVG, PNG, PDF, Markdown, HTML and JSON exports and
 * thumbnails.
 */
@SpringBootApplication
public class ExportServiceApplication {

    public static void main(String[] args) {
        SpringApplication.run(ExportServiceApplication.class, args);
    }

}
