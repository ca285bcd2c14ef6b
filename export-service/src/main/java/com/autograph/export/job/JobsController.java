package com.autograph.export.job;

import java.io.IOException;
import java.net.URI;
import java.util.List;
import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

import com.autograph.export.rendering.OptionsBody;
import com.autograph.export.web.Callers;
import com.autograph.shared.security.TrustedIdentity;

/**
 * Batch exports: many files to one ZIP, asynchronously, with progress as JSON or
 * server-sent events.
 */
@RestController
@Validated
@RequestMapping("/api/export/jobs")
class JobsController {

    record CreateRequest(@NotEmpty @Size(max = 1000) List<@NotNull UUID> fileIds,
            @NotNull @Size(max = 16) String format, @Valid OptionsBody options) {
    }

    record Page(List<JobView> items, int page, int size, long total) {
    }

    private final ExportJobs jobs;

    private final JobEvents events;

    JobsController(ExportJobs jobs, JobEvents events) {
        this.jobs = jobs;
        this.events = events;
    }

    @Operation(summary = "Start a batch export of files to one ZIP")
    @ApiResponse(responseCode = "202",
            description = "Accepted; Location names the job, whose progress GET and /events show.")
    @ApiResponse(responseCode = "429",
            description = "You have EXPORT_JOB_MAX_ACTIVE jobs running already; retry when one ends.")
    @PostMapping
    ResponseEntity<JobView> create(TrustedIdentity identity, @Valid @RequestBody CreateRequest request) {
        JobView job = jobs.start(identity, request.fileIds(), request.format(),
                OptionsBody.toOptions(request.options()));
        return ResponseEntity.accepted().location(URI.create("/api/export/jobs/" + job.id())).body(job);
    }

    @Operation(summary = "List your batch exports, newest first")
    @GetMapping
    Page list(TrustedIdentity identity, @RequestParam(defaultValue = "0") @Min(0) @Max(100_000) int page,
            @RequestParam(defaultValue = "20") @Min(1) @Max(100) int size) {
        UUID user = Callers.userId(identity);
        return new Page(jobs.list(user, page, size), page, size, jobs.count(user));
    }

    @Operation(summary = "A batch export's progress, and its download URL once done")
    @GetMapping("/{id}")
    JobView get(TrustedIdentity identity, @PathVariable UUID id) {
        return jobs.get(Callers.userId(identity), id);
    }

    @Operation(
            summary = "A batch export's progress as server-sent events (event 'progress', data: the job), until it ends")
    @ApiResponse(responseCode = "200",
            description = "text/event-stream: the job now, then each change; closed when it ends.",
            content = @Content(mediaType = MediaType.TEXT_EVENT_STREAM_VALUE,
                    schema = @Schema(implementation = JobView.class)))
    @GetMapping(path = "/{id}/events")
    SseEmitter events(TrustedIdentity identity, @PathVariable UUID id) throws IOException {
        UUID user = Callers.userId(identity);
        jobs.get(user, id); // 404 before the stream opens
        return events.stream(id, () -> jobs.get(user, id));
    }

}
