package com.autograph.export.kroki;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;

import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.HtmlUtils;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Kroki's error bodies on the Kroki paths, because the tools that call them parse Kroki's
 * answers: the problem document the service's handler wrote is rewritten, by the client's
 * {@code Accept}, as {@code text/plain} {@code Error 400: <detail>} (Kroki's default),
 * {@code application/json} {@code {"error":{"code":400,"message":…}}} or a small HTML
 * page. Status codes are unchanged. Successful answers pass straight through, unbuffered:
 * only a problem document (small) is held.
 */
final class KrokiErrors extends OncePerRequestFilter {

    private static final int MAX_PROBLEM_BYTES = 16 * 1024;

    private final JsonMapper json;

    KrokiErrors(JsonMapper json) {
        this.json = json;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        ProblemCatcher catcher = new ProblemCatcher(response);
        chain.doFilter(request, catcher);
        if (catcher.problem == null) {
            return;
        }
        String detail = detail(catcher.problem.toByteArray());
        int status = response.getStatus();
        MediaType type = chosen(request.getHeader("Accept"));
        String body;
        if (type.equals(MediaType.APPLICATION_JSON)) {
            ObjectNode error = json.createObjectNode();
            error.putObject("error").put("code", status).put("message", detail);
            body = json.writeValueAsString(error);
        }
        else if (type.equals(MediaType.TEXT_HTML)) {
            body = "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>Error " + status
                    + "</title></head><body><h1>Error " + status + "</h1><p>" + HtmlUtils.htmlEscape(detail)
                    + "</p></body></html>";
        }
        else {
            body = "Error " + status + ": " + detail;
        }
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        response.setContentType(type + ";charset=UTF-8");
        response.setContentLength(bytes.length);
        response.getOutputStream().write(bytes);
    }

    /** The first of Kroki's error types the client accepts, in its order; else text. */
    static MediaType chosen(String accept) {
        List<MediaType> accepted;
        try {
            accepted = new ArrayList<>(accept == null ? List.of() : MediaType.parseMediaTypes(accept));
        }
        catch (RuntimeException unreadable) {
            return MediaType.TEXT_PLAIN;
        }
        // by quality, the client's order among equals (a stable sort)
        accepted.sort(Comparator.comparingDouble(MediaType::getQualityValue).reversed());
        for (MediaType candidate : accepted) {
            for (MediaType kroki : List.of(MediaType.TEXT_HTML, MediaType.APPLICATION_JSON, MediaType.TEXT_PLAIN)) {
                if (candidate.getType().equals(kroki.getType()) && candidate.getSubtype().equals(kroki.getSubtype())) {
                    return kroki;
                }
            }
        }
        return MediaType.TEXT_PLAIN;
    }

    private String detail(byte[] problem) {
        try {
            JsonNode node = json.readTree(problem);
            return node.path("detail").asString(node.path("title").asString("Error"));
        }
        catch (RuntimeException notJson) {
            return new String(problem, StandardCharsets.UTF_8);
        }
    }

    /**
     * Holds the body back when the answer is a problem document; passes everything else
     * through.
     */
    private static final class ProblemCatcher extends HttpServletResponseWrapper {

        private ByteArrayOutputStream problem;

        private ServletOutputStream stream;

        ProblemCatcher(HttpServletResponse response) {
            super(response);
        }

        private boolean isProblem() {
            String type = getContentType();
            return getStatus() >= 400 && type != null && type.startsWith(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        }

        @Override
        public ServletOutputStream getOutputStream() throws IOException {
            if (!isProblem()) {
                return super.getOutputStream();
            }
            if (stream == null) {
                problem = new ByteArrayOutputStream();
                stream = new ServletOutputStream() {
                    @Override
                    public void write(int b) {
                        if (problem.size() < MAX_PROBLEM_BYTES) {
                            problem.write(b);
                        }
                    }

                    @Override
                    public void write(byte[] b, int off, int len) {
                        problem.write(b, off, Math.max(0, Math.min(len, MAX_PROBLEM_BYTES - problem.size())));
                    }

                    @Override
                    public boolean isReady() {
                        return true;
                    }

                    /** Memory is always ready: the listener may write at once. */
                    @Override
                    public void setWriteListener(WriteListener listener) {
                        try {
                            listener.onWritePossible();
                        }
                        catch (IOException ex) {
                            listener.onError(ex);
                        }
                    }
                };
            }
            return stream;
        }

        @Override
        public void setContentLength(int len) {
            if (!isProblem()) {
                super.setContentLength(len);
            }
        }

        @Override
        public void setContentLengthLong(long len) {
            if (!isProblem()) {
                super.setContentLengthLong(len);
            }
        }

        @Override
        public void flushBuffer() throws IOException {
            if (!isProblem()) {
                super.flushBuffer();
            }
        }

    }

}
