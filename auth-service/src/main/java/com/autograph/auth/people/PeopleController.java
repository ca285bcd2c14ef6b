package com.autograph.auth.people;

import java.util.List;
import java.util.Locale;
import java.util.UUID;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import com.autograph.auth.WindowCounters;
import com.autograph.auth.web.Callers;
import com.autograph.shared.error.ApiException;
import com.autograph.shared.security.TrustedIdentity;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * People lookup for sharing and mentions: only people the caller already works with (a
 * shared team, or a file or folder shared between them), never a directory of all
 * accounts.
 */
@RestController
@RequestMapping("/api/auth/people")
class PeopleController {

    static final int MIN_QUERY = 2;

    static final int MAX_QUERY = 100;

    static final int MAX_RESULTS = 20;

    /** Lookups per user per minute: enough for typing, not for enumerating. */
    static final int MAX_PER_MINUTE = 60;

    record PersonView(UUID id, String email, @JsonProperty("full_name") String fullName) {
    }

    record PeopleList(List<PersonView> items) {
    }

    private final PeopleRepository people;

    private final WindowCounters counters;

    PeopleController(PeopleRepository people, WindowCounters counters) {
        this.people = people;
        this.counters = counters;
    }

    @Operation(summary = "Find people you work with",
            description = "By the start of an e-mail address or of a word of the name (at least 2 characters); at most "
                    + "20 people who share a team with you or with whom a file or folder was shared, either way.")
    @ApiResponse(responseCode = "200", description = "The matching people the caller shares a team or a file with.")
    @ApiResponse(responseCode = "400", description = "query_too_short or query_too_long.")
    @ApiResponse(responseCode = "429", description = "lookup_rate_limited: more than 60 lookups in a minute.")
    @GetMapping
    PeopleList find(TrustedIdentity caller, @RequestParam(name = "q", defaultValue = "") String query) {
        UUID me = Callers.id(caller);
        String prefix = query.strip().toLowerCase(Locale.ROOT);
        int length = prefix.codePointCount(0, prefix.length());
        if (length < MIN_QUERY) {
            throw new ApiException(HttpStatus.BAD_REQUEST, "query_too_short",
                    "q must have at least " + MIN_QUERY + " characters.");
        }
        if (length > MAX_QUERY) {
            throw new ApiException(HttpStatus.BAD_REQUEST, "query_too_long",
                    "q must have at most " + MAX_QUERY + " characters.");
        }
        String counter = "people-lookup:" + me;
        if (counters.increment(counter, java.time.Duration.ofMinutes(1)) > MAX_PER_MINUTE) {
            throw new ApiException(HttpStatus.TOO_MANY_REQUESTS, "lookup_rate_limited", "At most " + MAX_PER_MINUTE
                    + " people lookups a minute; retry in " + counters.remaining(counter).toSeconds() + " s.");
        }
        return new PeopleList(people.related(me, prefix, MAX_RESULTS)
            .stream()
            .map(person -> new PersonView(person.id(), person.email(), person.fullName()))
            .toList());
    }

}
