package com.autograph.collaboration.socket;

import java.security.Principal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;

import org.springframework.boot.tomcat.TomcatConnectorCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.http.server.ServletServerHttpRequest;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.web.socket.WebSocketExtension;
import org.springframework.web.socket.WebSocketHandler;
import org.springframework.web.socket.config.annotation.EnableWebSocket;
import org.springframework.web.socket.config.annotation.WebSocketConfigurer;
import org.springframework.web.socket.config.annotation.WebSocketHandlerRegistry;
import org.springframework.web.socket.server.HandshakeInterceptor;
import org.springframework.web.socket.server.standard.StandardWebSocketUpgradeStrategy;
import org.springframework.web.socket.server.support.DefaultHandshakeHandler;
import org.springframework.web.socket.server.standard.ServletServerContainerFactoryBean;
import org.springframework.web.util.UriComponentsBuilder;

import com.autograph.collaboration.diagram.DiagramFiles;
import com.autograph.collaboration.room.Rooms;
import com.autograph.shared.error.ApiException;
import com.autograph.shared.security.IdentityProperties;
import com.autograph.shared.security.TrustedIdentity;

import tools.jackson.databind.json.JsonMapper;

/**
 * The socket endpoint. The upgrade request is accepted only with the gateway's signed
 * identity headers or a share link's token (401 otherwise; a link holder who is not
 * signed in joins as a guest, as far as diagram-service lets the link go); a socket whose
 * user diagram-service does not let see the file (its 404/403), or whose request is
 * malformed, gets an {@code error} and is closed with 4000 + that status before it joins
 * anything: nobody reaches a room around the gateway or around the file's permissions.
 */
@Configuration(proxyBeanMethods = false)
@EnableWebSocket
class SocketConfiguration implements WebSocketConfigurer {

    /** Where a browser puts a share link's token (it cannot set headers on a socket). */
    static final String SHARE_TOKEN_PARAMETER = "share_token";

    /** Where other clients may put it instead. */
    static final String SHARE_TOKEN_HEADER = "X-Share-Token";

    /**
     * A protected link's password; or the X-Share-Password header, as on the REST link
     * endpoints.
     */
    static final String SHARE_PASSWORD_PARAMETER = "share_password";

    private final CollaborationSocketHandler handler;

    private final IdentityProperties identity;

    private final DiagramFiles files;

    private final Clock clock;

    SocketConfiguration(Rooms rooms, JsonMapper json, Clock clock, TaskScheduler scheduler, IdentityProperties identity,
            DiagramFiles files) {
        this.handler = new CollaborationSocketHandler(rooms, json, clock, scheduler);
        this.identity = identity;
        this.files = files;
        this.clock = clock;
        scheduler.scheduleAtFixedRate(handler::tick, Duration.ofSeconds(5));
    }

    @Override
    public void registerWebSocketHandlers(WebSocketHandlerRegistry registry) {
        // Origins are the gateway's to check (CORS); requests reach this service only
        // through it.
        registry.addHandler(handler, "/ws/files/{fileId}")
            .setHandshakeHandler(new UncompressedHandshake())
            .addInterceptors(new Admission())
            .setAllowedOrigins("*");
    }

    /**
     * Negotiates no extension, so no permessage-deflate, which browsers offer: a room's
     * messages are small (a few hundred bytes) and go to every member, and compressing
     * each copy per connection (a zlib stream each) took about half of the service's CPU
     * per delivered message in bench/collab, for little saved on the wire. Tomcat adds
     * its own extensions to whatever the handshake handler chooses, so the upgrade does
     * not show it the header that asks for them.
     */
    private static final class UncompressedHandshake extends DefaultHandshakeHandler {

        UncompressedHandshake() {
            super(new StandardWebSocketUpgradeStrategy() {
                @Override
                public List<WebSocketExtension> getSupportedExtensions(ServerHttpRequest request) {
                    return List.of();
                }

                @Override
                public void upgrade(ServerHttpRequest request, ServerHttpResponse response, String protocol,
                        List<WebSocketExtension> extensions, Principal user, WebSocketHandler handler,
                        Map<String, Object> attributes) {
                    super.upgrade(
                            new ServletServerHttpRequest(
                                    new WithoutExtensions(((ServletServerHttpRequest) request).getServletRequest())),
                            response, protocol, List.of(), user, handler, attributes);
                }
            });
        }

    }

    /** The upgrade request without {@code Sec-WebSocket-Extensions}. */
    private static final class WithoutExtensions extends HttpServletRequestWrapper {

        private static final String EXTENSIONS = "Sec-WebSocket-Extensions";

        WithoutExtensions(HttpServletRequest request) {
            super(request);
        }

        @Override
        public String getHeader(String name) {
            return EXTENSIONS.equalsIgnoreCase(name) ? null : super.getHeader(name);
        }

        @Override
        public Enumeration<String> getHeaders(String name) {
            return EXTENSIONS.equalsIgnoreCase(name) ? Collections.emptyEnumeration() : super.getHeaders(name);
        }

        @Override
        public Enumeration<String> getHeaderNames() {
            return Collections.enumeration(Collections.list(super.getHeaderNames())
                .stream()
                .filter(n -> !EXTENSIONS.equalsIgnoreCase(n))
                .toList());
        }

    }

    /** Send completions on the writing thread ({@link InlineSendCompletions}). */
    @Bean
    TomcatConnectorCustomizer inlineSendCompletions() {
        return InlineSendCompletions::install;
    }

    /**
     * Fragments of this size reach the handler, which counts them against
     * max-message-size before keeping any (a larger message is refused, the socket
     * stays). The container gives every socket a buffer of this many characters up front,
     * whether it ever receives a large message or not: at 64 K (128 KB each) a few
     * hundred idle sockets filled the heap, so it is small and large messages arrive in
     * more fragments.
     */
    @Bean
    ServletServerContainerFactoryBean webSocketContainer() {
        ServletServerContainerFactoryBean container = new ServletServerContainerFactoryBean();
        container.setMaxTextMessageBufferSize(8 * 1024);
        container.setMaxBinaryMessageBufferSize(1024);
        return container;
    }

    private final class Admission implements HandshakeInterceptor {

        @Override
        public boolean beforeHandshake(ServerHttpRequest request, ServerHttpResponse response,
                WebSocketHandler wsHandler, Map<String, Object> attributes) {
            TrustedIdentity caller = TrustedIdentity
                .verify(request.getHeaders()::getFirst, identity.secretBytes(), clock.instant(), identity.maxAge())
                .orElse(null);
            HttpServletRequest servlet = ((ServletServerHttpRequest) request).getServletRequest();
            String token = given(servlet, SHARE_TOKEN_PARAMETER, SHARE_TOKEN_HEADER);
            if (caller == null && token == null) {
                response.setStatusCode(HttpStatus.UNAUTHORIZED);
                return false;
            }
            // A share link's holder who is not signed in: the link is the credential,
            // checked by diagram-service for every use.
            TrustedIdentity member = caller != null ? caller : DiagramFiles.guest();
            attributes.put(CollaborationSocketHandler.IDENTITY, member);
            attributes.put(CollaborationSocketHandler.ADDRESS, servlet.getRemoteAddr());
            try {
                DiagramFiles.Link link = DiagramFiles.Link.of(token,
                        given(servlet, SHARE_PASSWORD_PARAMETER, DiagramFiles.PASSWORD_HEADER));
                admit(request, member, caller != null, link, attributes);
            }
            catch (ApiException ex) {
                // Answered on the socket, not as the upgrade's status: through the
                // gateway
                // a refused upgrade reaches the client only as a socket that closes.
                attributes.put(CollaborationSocketHandler.REFUSED, ex);
            }
            return true;
        }

        /** A query parameter (browsers), else a header (other clients). */
        private static String given(HttpServletRequest request, String parameter, String header) {
            String value = request.getParameter(parameter);
            return value != null ? value : request.getHeader(header);
        }

        private void admit(ServerHttpRequest request, TrustedIdentity caller, boolean signedIn, DiagramFiles.Link link,
                Map<String, Object> attributes) {
            String path = request.getURI().getPath();
            UUID fileId;
            try {
                fileId = UUID.fromString(path.substring(path.lastIndexOf('/') + 1));
            }
            catch (IllegalArgumentException ex) {
                throw new ApiException(HttpStatus.BAD_REQUEST, "invalid_request", "The file id is not a UUID.");
            }
            String given = UriComponentsBuilder.fromUri(request.getURI()).build().getQueryParams().getFirst("last_seq");
            if (given != null) {
                try {
                    attributes.put(CollaborationSocketHandler.LAST_SEQ, Long.parseLong(given));
                }
                catch (NumberFormatException ex) {
                    throw new ApiException(HttpStatus.BAD_REQUEST, "invalid_request", "last_seq is not a number.");
                }
            }
            Instant expiry = !signedIn ? null
                    : TrustedIdentity
                        .verifyCredentialExpiry(request.getHeaders()::getFirst, caller.userId(), identity.secretBytes(),
                                clock.instant(), identity.maxAge())
                        .orElse(null);
            if (expiry != null) {
                // The gateway allows some clock skew; a socket gets none.
                if (!expiry.isAfter(clock.instant())) {
                    throw new ApiException(HttpStatus.UNAUTHORIZED, "credential_expired",
                            "The access token has expired; connect with a fresh one.");
                }
                attributes.put(CollaborationSocketHandler.CREDENTIAL_EXPIRES, expiry);
            }
            DiagramFiles.Grant grant = files.grant(caller, link, fileId);
            if (grant.linkExpiresAt() != null && !grant.linkExpiresAt().isAfter(clock.instant())) {
                throw new ApiException(HttpStatus.GONE, "link_expired", "The share link has expired.");
            }
            attributes.put(CollaborationSocketHandler.GRANT, grant);
            if (link != null) {
                attributes.put(CollaborationSocketHandler.LINK, link);
            }
            attributes.put(CollaborationSocketHandler.FILE, fileId);
        }

        @Override
        public void afterHandshake(ServerHttpRequest request, ServerHttpResponse response, WebSocketHandler wsHandler,
                Exception exception) {
        }

    }

}
