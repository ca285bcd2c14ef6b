package com.autograph.gateway.web;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

import reactor.core.publisher.Mono;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

import com.autograph.gateway.error.ProblemResponses;

/**
 * Refuses a request whose path or query does not decode to text a service can store: a
 * broken percent-escape, bytes that are not UTF-8 (an encoded lone surrogate such as
 * {@code %ED%A0%80} among them) or a NUL. The services' Tomcat refuses such a path before
 * Spring runs, with an empty body or an HTML page, and turned such a query into a 500;
 * here every client gets the same 400 {@code invalid_text} problem naming the part,
 * before any credential or rate-limit work.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 1)
class RequestTargetWebFilter implements WebFilter {

    private final ProblemResponses problems;

    RequestTargetWebFilter(ProblemResponses problems) {
        this.problems = problems;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        String path = exchange.getRequest().getURI().getRawPath();
        String query = exchange.getRequest().getURI().getRawQuery();
        String problem = problem("path", path);
        if (problem == null && query != null) {
            problem = queryProblem(query);
        }
        if (problem != null) {
            return problems.write(exchange, HttpStatus.BAD_REQUEST, "invalid_text", problem);
        }
        return chain.filter(exchange);
    }

    private static String queryProblem(String query) {
        for (String pair : query.split("&", -1)) {
            int equals = pair.indexOf('=');
            String rawName = equals < 0 ? pair : pair.substring(0, equals);
            String name = decodeOrNull(rawName);
            boolean nameable = name != null && !name.isEmpty() && name.length() <= 64
                    && name.chars().noneMatch(Character::isISOControl);
            String field = nameable ? "query parameter '" + name + "'" : "query parameter's name";
            String problem = problem(field, rawName);
            if (problem == null && equals >= 0) {
                problem = problem(field, pair.substring(equals + 1));
            }
            if (problem != null) {
                return problem;
            }
        }
        return null;
    }

    /** Why {@code raw} (percent-encoded) is not storable text, or null when it is. */
    static String problem(String field, String raw) {
        if (raw == null || raw.isEmpty()) {
            return null;
        }
        String decoded;
        try {
            decoded = decode(raw);
        }
        catch (IllegalArgumentException ex) {
            return "The " + field + " has a broken percent-escape: write '%' followed by two hexadecimal digits.";
        }
        catch (CharacterCodingException ex) {
            return "The " + field + " is not valid UTF-8 text (an unpaired surrogate or stray bytes): send it "
                    + "percent-encoded as UTF-8.";
        }
        if (decoded.indexOf('\u0000') >= 0) {
            return "The " + field + " contains a NUL character (\\u0000), which cannot be stored: remove it.";
        }
        return null;
    }

    private static String decodeOrNull(String raw) {
        try {
            return decode(raw);
        }
        catch (IllegalArgumentException | CharacterCodingException ex) {
            return null;
        }
    }

    /** Strict percent-decoding as UTF-8 ('+' stays '+': only the bytes matter here). */
    private static String decode(String raw) throws CharacterCodingException {
        if (raw.indexOf('%') < 0) {
            return raw;
        }
        ByteBuffer bytes = ByteBuffer.allocate(raw.length() * 3);
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c == '%') {
                if (i + 2 >= raw.length()) {
                    throw new IllegalArgumentException("truncated escape");
                }
                int high = Character.digit(raw.charAt(i + 1), 16);
                int low = Character.digit(raw.charAt(i + 2), 16);
                if (high < 0 || low < 0) {
                    throw new IllegalArgumentException("not hexadecimal");
                }
                bytes.put((byte) (high << 4 | low));
                i += 2;
            }
            else if (c < 0x80) {
                bytes.put((byte) c);
            }
            else { // a raw non-ASCII character in the URI: already text (an unpaired
                   // surrogate fails below)
                boolean pair = Character.isHighSurrogate(c) && i + 1 < raw.length()
                        && Character.isLowSurrogate(raw.charAt(i + 1));
                if (!pair && Character.isSurrogate(c)) {
                    throw new CharacterCodingException();
                }
                bytes.put(raw.substring(i, pair ? i + 2 : i + 1).getBytes(StandardCharsets.UTF_8));
                i += pair ? 1 : 0;
            }
        }
        bytes.flip();
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
        CharBuffer chars = decoder.decode(bytes);
        return chars.toString();
    }

}
