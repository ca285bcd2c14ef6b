package com.autograph.shared.testapp;

import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.cache.annotation.Cacheable;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.client.RestClient;

import com.autograph.shared.error.ApiException;
import com.autograph.shared.security.TrustedIdentity;
import com.autograph.shared.text.CodePointLength;

/** A minimal service built on shared-lib, the way every AutoGraph service is. */
@SpringBootApplication
public class TestApplication {

    /**
     * How many /widgets/slow requests have begun: a test waits on it to know one is in
     * flight.
     */
    public static final AtomicInteger SLOW_REQUESTS_STARTED = new AtomicInteger();

    public record Widget(@NotBlank @Size(max = 10) String name, int size) {
    }

    public enum Shade {

        LIGHT, DARK

    }

    /**
     * Text of every kind a service stores: a code-point-limited title, a list, a free
     * JSON tree.
     */
    public record Note(@NotBlank @CodePointLength(max = 10) String title, java.util.List<String> tags,
            tools.jackson.databind.JsonNode canvasData, Integer count, Boolean pinned, Shade shade) {
    }

    @RestController
    static class NoteController {

        @PostMapping("/notes")
        Note create(@Valid @RequestBody Note note) {
            return note;
        }

        @GetMapping("/notes/{id}")
        Map<String, Object> find(@PathVariable java.util.UUID id,
                @RequestParam(required = false) @CodePointLength(max = 20) String q,
                @RequestParam(defaultValue = "0") int page) {
            return Map.of("id", id, "q", String.valueOf(q), "page", page);
        }

        @GetMapping("/labels/{label}")
        Map<String, Object> label(@PathVariable String label) {
            return Map.of("label", label);
        }

        @PostMapping(path = "/uploads", consumes = "multipart/form-data")
        Map<String, Object> upload(@RequestParam String title,
                @RequestParam org.springframework.web.multipart.MultipartFile file) {
            return Map.of("title", title, "size", file.getSize());
        }

    }

    /** Needs PostgreSQL on every call. */
    @RestController
    static class DatabaseController {

        private final org.springframework.jdbc.core.simple.JdbcClient jdbc;

        DatabaseController(org.springframework.jdbc.core.simple.JdbcClient jdbc) {
            this.jdbc = jdbc;
        }

        @GetMapping("/database/now")
        String now() {
            return jdbc.sql("SELECT now()::text").query(String.class).single();
        }

    }

    @RestController
    static class WidgetController {

        private final RestClient.Builder restClients;

        WidgetController(RestClient.Builder restClients) {
            this.restClients = restClients;
        }

        @PostMapping("/widgets")
        Widget create(@Valid @RequestBody Widget widget) {
            return widget;
        }

        /** Only resolvable in tests that enable autograph.identity. */
        @GetMapping("/whoami")
        Map<String, Object> whoami(TrustedIdentity caller) {
            return Map.of("user_id", caller.userId(), "teams", caller.teams());
        }

        /**
         * The client address as the service sees it (autograph.identity enabled: the
         * signed one).
         */
        @GetMapping("/client-address")
        Map<String, Object> clientAddress(jakarta.servlet.http.HttpServletRequest request) {
            return Map.of("address", request.getRemoteAddr());
        }

        @GetMapping("/whoami-if-known")
        Map<String, Object> whoamiIfKnown(java.util.Optional<TrustedIdentity> caller) {
            return Map.of("user_id", caller.map(TrustedIdentity::userId).orElse("anonymous"));
        }

        @GetMapping("/widgets/missing")
        Widget missing() {
            throw ApiException.notFound("Widget", "w-1");
        }

        @GetMapping("/widgets/conflict")
        Widget conflict() {
            throw new ApiException(HttpStatus.CONFLICT, "widget_conflict", "The widget changed meanwhile; reload it.");
        }

        @GetMapping("/widgets/boom")
        Widget boom() {
            throw new IllegalStateException("secret internal detail");
        }

        @GetMapping("/widgets/slow")
        String slow(@RequestParam long millis) throws InterruptedException {
            SLOW_REQUESTS_STARTED.incrementAndGet();
            Thread.sleep(millis); // the work a request takes, not a wait of the test
            return "finished after " + millis + " ms";
        }

        /**
         * Calls another service, as services do, so propagation can be observed there.
         */
        @GetMapping("/relay")
        String relay(@RequestParam String to) {
            return restClients.build().get().uri(to).retrieve().body(String.class);
        }

    }

    @Service
    public static class PriceCatalogue {

        private int lookups;

        @Cacheable("prices")
        public Map<String, Integer> price(String item) {
            lookups++;
            return Map.of(item, item.length());
        }

        public int lookups() {
            return lookups;
        }

    }

}
