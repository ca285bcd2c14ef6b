package com.autograph.diagram.file;

import java.time.Instant;
import java.util.UUID;

import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;

import org.springframework.web.bind.annotation.BindParam;

import com.autograph.diagram.access.Caller;
import com.autograph.diagram.web.Parameters;

/**
 * The query parameters that the file list and search share: which view, the filters and
 * the page. Bound from the query string ({@code @ParameterObject}); a value of the wrong
 * type is a 400 naming the parameter, and {@link #query} checks the rest.
 * {@code @Parameter(name)} keeps the API document's snake_case names, which
 * {@code @BindParam} binds.
 */
public record ListParameters(@Schema(defaultValue = "all") String view, String type, String owner,
        @Parameter(name = "folder_id") @BindParam("folder_id") String folderId, UUID tag, Boolean starred,
        @Parameter(name = "team_id") @BindParam("team_id") UUID teamId,
        @Parameter(name = "created_after") @BindParam("created_after") Instant createdAfter,
        @Parameter(name = "created_before") @BindParam("created_before") Instant createdBefore,
        @Parameter(name = "updated_after") @BindParam("updated_after") Instant updatedAfter,
        @Parameter(name = "updated_before") @BindParam("updated_before") Instant updatedBefore,
        @Schema(defaultValue = "0") Integer page, @Schema(defaultValue = "20") Integer size) {

    static final int MAX_PAGE_SIZE = 100;

    public ListParameters {
        view = view == null || view.isEmpty() ? "all" : view;
        page = page == null ? 0 : page;
        size = size == null ? 20 : size;
    }

    /**
     * The checked query for search, which always ranks (400 naming the first bad
     * parameter).
     */
    public FileQuery query(Caller caller) {
        return query(caller, "updated", null);
    }

    /**
     * The checked query for a list in the given order (400 naming the first bad
     * parameter).
     */
    FileQuery query(Caller caller, String sort, String order) {
        FileQuery.View parsedView = Parameters.oneOf("view", view, FileQuery.View.class);
        FileType parsedType = type == null ? null : FileType.of(type)
            .orElseThrow(() -> Parameters.invalid("type", FileController.TYPES_MESSAGE + ", not '" + type + "'"));
        UUID ownerId = owner == null ? null : "me".equals(owner) ? caller.userId() : uuid("owner", owner);
        boolean root = "root".equals(folderId);
        UUID folder = folderId == null || root ? null : uuid("folder_id", folderId);
        FileQuery.Sort parsedSort = Parameters.oneOf("sort", sort, FileQuery.Sort.class);
        boolean ascending;
        if (order == null) {
            ascending = parsedSort == FileQuery.Sort.TITLE;
        }
        else if (order.equals("asc") || order.equals("desc")) {
            ascending = order.equals("asc");
        }
        else {
            throw Parameters.invalid("order", "must be asc or desc, not '" + order + "'");
        }
        return new FileQuery(parsedView, parsedType, ownerId, folder, root, tag, starred, teamId, createdAfter,
                createdBefore, updatedAfter, updatedBefore, parsedSort, ascending, Parameters.page(page),
                Parameters.size(size, MAX_PAGE_SIZE));
    }

    private static UUID uuid(String name, String value) {
        try {
            return UUID.fromString(value);
        }
        catch (IllegalArgumentException ex) {
            throw Parameters.invalid(name, "must be a UUID, not '" + value + "'");
        }
    }
}
