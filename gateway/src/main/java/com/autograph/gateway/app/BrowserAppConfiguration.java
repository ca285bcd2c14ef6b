package com.autograph.gateway.app;

import java.util.List;
import java.util.function.Consumer;

import reactor.core.publisher.Mono;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.FileSystemResource;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.reactive.function.BodyInserters;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import org.springframework.web.reactive.function.server.support.RouterFunctionMapping;

import com.autograph.gateway.web.EdgeProperties;

/**
 * Serves the browser app's build ({@link BrowserApp}) at {@code /}: its files, and
 * index.html for each of its pages. Files under {@code /assets/} have a content hash in
 * their names and are cached for a year; everything else (index.html above all) is
 * revalidated on each use, by its ETag. A precompressed twin is sent to clients that
 * accept gzip. Each answer carries the app's Content-Security-Policy.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(AppProperties.class)
class BrowserAppConfiguration {

    private static final String ASSETS = "/assets/";

    private static final CacheControl IMMUTABLE = CacheControl.maxAge(java.time.Duration.ofDays(365))
        .cachePublic()
        .immutable();

    @Bean
    BrowserApp browserApp(AppProperties settings) {
        return new BrowserApp(settings);
    }

    /**
     * After the gateway's own endpoints (-200), before the routes to the services, which
     * never match the app's paths anyway (they are all under /api).
     */
    @Bean
    RouterFunctionMapping browserAppMapping(BrowserApp app, AppProperties settings, EdgeProperties edge) {
        String pagePolicy = settings.contentSecurityPolicy() + "; frame-ancestors 'none'";
        String embedPolicy = settings.contentSecurityPolicy() + "; frame-ancestors "
                + edge.headers().embedFrameAncestors();
        RouterFunctionMapping mapping = new RouterFunctionMapping(RouterFunctions.route(
                request -> app.resolve(request.exchange()).isPresent(),
                request -> serve(request, app.resolve(request.exchange()).orElseThrow(), pagePolicy, embedPolicy)));
        mapping.setOrder(-100);
        return mapping;
    }

    private static Mono<ServerResponse> serve(ServerRequest request, BrowserApp.Served served, String pagePolicy,
            String embedPolicy) {
        BrowserApp.Asset asset = served.asset();
        CacheControl caching = !served.page() && served.path().startsWith(ASSETS) ? IMMUTABLE : CacheControl.noCache();
        Consumer<HttpHeaders> common = headers -> {
            headers.setContentType(asset.type());
            headers.setETag(asset.etag());
            headers.setCacheControl(caching);
            headers.set("Content-Security-Policy", served.embeddable() ? embedPolicy : pagePolicy);
            headers.set("Cross-Origin-Opener-Policy", "same-origin");
            if (asset.gzip() != null) {
                headers.setVary(List.of(HttpHeaders.ACCEPT_ENCODING));
            }
        };
        if (matches(request.headers().asHttpHeaders().getIfNoneMatch(), asset.etag())) {
            return ServerResponse.status(HttpStatus.NOT_MODIFIED).headers(common).build();
        }
        boolean gzip = asset.gzip() != null && acceptsGzip(request);
        ServerResponse.BodyBuilder answer = ServerResponse.ok().headers(common);
        if (gzip) {
            answer.header(HttpHeaders.CONTENT_ENCODING, "gzip");
        }
        return answer.body(BodyInserters.fromResource(new FileSystemResource(gzip ? asset.gzip() : asset.file())));
    }

    private static boolean matches(List<String> ifNoneMatch, String etag) {
        return ifNoneMatch.stream().anyMatch(tag -> tag.equals("*") || tag.equals(etag) || tag.equals("W/" + etag));
    }

    private static boolean acceptsGzip(ServerRequest request) {
        return request.headers()
            .header(HttpHeaders.ACCEPT_ENCODING)
            .stream()
            .flatMap(value -> java.util.Arrays.stream(value.split(",")))
            .map(coding -> coding.strip().toLowerCase(java.util.Locale.ROOT))
            .anyMatch(coding -> coding.equals("gzip")
                    || coding.startsWith("gzip;") && !coding.matches("gzip;\\s*q=0(\\.0*)?"));
    }

}
