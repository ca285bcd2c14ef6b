package com.autograph.gateway.app;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.MediaTypeFactory;
import org.springframework.http.server.PathContainer;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

/**
 * The static build of the browser app, as the gateway serves it: which request it
 * answers, and with which file. The folder is read once (names, types, content hashes,
 * gzip twins) and again when its index.html changes (a rebuild while the gateway runs),
 * so a request costs no file system walk and nothing outside the folder can be named.
 * Requests under {@code /api} are never the app's.
 */
public final class BrowserApp {

    /**
     * What a request gets: a file of the build, or index.html for one of the app's pages.
     */
    record Served(String path, Asset asset, boolean page, boolean embeddable) {
    }

    /**
     * One file of the build. {@code gzip}: its precompressed twin ({@code name.gz},
     * written by the build), or null.
     */
    record Asset(Path file, MediaType type, String etag, Path gzip) {
    }

    private static final String INDEX = "/index.html";

    private static final String ATTRIBUTE = BrowserApp.class.getName() + ".served";

    private final Path directory;

    private final List<PathPattern> routes;

    private final List<PathPattern> embedRoutes;

    private volatile Snapshot snapshot;

    private record Snapshot(FileTime indexModified, Map<String, Asset> assets) {
    }

    BrowserApp(AppProperties settings) {
        this.routes = settings.routes().stream().map(PathPatternParser.defaultInstance::parse).toList();
        this.embedRoutes = settings.embedRoutes().stream().map(PathPatternParser.defaultInstance::parse).toList();
        if (settings.directory().isBlank()) {
            this.directory = null;
            return;
        }
        Path folder = Path.of(settings.directory()).toAbsolutePath().normalize();
        if (!Files.isRegularFile(folder.resolve("index.html"))) {
            throw new IllegalStateException("GATEWAY_APP_DIR (" + settings.directory()
                    + ") must be the browser app's build, a folder holding index.html: build it with"
                    + " ./autograph build (frontend/dist), or leave GATEWAY_APP_DIR empty to serve no app");
        }
        this.directory = folder;
        this.snapshot = scan();
    }

    /** Whether an app is configured at all. */
    public boolean enabled() {
        return directory != null;
    }

    /**
     * Whether this request is the app's (a file of the build or one of its pages): such
     * requests need no credentials and pass no security or rate-limit filter.
     */
    public boolean serves(ServerWebExchange exchange) {
        return resolve(exchange).isPresent();
    }

    Optional<Served> resolve(ServerWebExchange exchange) {
        if (directory == null) {
            return Optional.empty();
        }
        Optional<Served> known = exchange.getAttribute(ATTRIBUTE);
        if (known != null) {
            return known;
        }
        Optional<Served> served = resolve(exchange.getRequest());
        exchange.getAttributes().put(ATTRIBUTE, served);
        return served;
    }

    private Optional<Served> resolve(ServerHttpRequest request) {
        HttpMethod method = request.getMethod();
        if (!HttpMethod.GET.equals(method) && !HttpMethod.HEAD.equals(method)) {
            return Optional.empty();
        }
        PathContainer path = request.getPath().pathWithinApplication();
        String value = path.value();
        if (value.equals("/api") || value.startsWith("/api/")) {
            return Optional.empty();
        }
        boolean page = routes.stream().anyMatch(route -> route.matches(path));
        Snapshot current = page ? fresh() : snapshot;
        Asset asset = page ? current.assets().get(INDEX) : current.assets().get(value);
        if (asset == null) {
            return Optional.empty();
        }
        return Optional.of(new Served(page ? INDEX : value, asset, page || value.equals(INDEX),
                embedRoutes.stream().anyMatch(route -> route.matches(path))));
    }

    /** The snapshot, read again first when index.html changed (the app was rebuilt). */
    private Snapshot fresh() {
        Snapshot current = snapshot;
        try {
            if (!Files.getLastModifiedTime(directory.resolve("index.html")).equals(current.indexModified())) {
                synchronized (this) {
                    current = scan();
                    snapshot = current;
                }
            }
        }
        catch (IOException ex) {
            // mid-rebuild: index.html is being replaced; keep serving what was read
            // before
        }
        return current;
    }

    private Snapshot scan() {
        Map<String, Asset> assets = new HashMap<>();
        try (Stream<Path> files = Files.walk(directory)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                String name = file.getFileName().toString();
                if (name.endsWith(".gz")) {
                    continue;
                }
                String path = "/" + directory.relativize(file).toString().replace('\\', '/');
                Path gzip = file.resolveSibling(name + ".gz");
                assets.put(path,
                        new Asset(file, MediaTypeFactory.getMediaType(name).orElse(MediaType.APPLICATION_OCTET_STREAM),
                                '"' + hash(file) + '"', Files.isRegularFile(gzip) ? gzip : null));
            }
            return new Snapshot(Files.getLastModifiedTime(directory.resolve("index.html")), Map.copyOf(assets));
        }
        catch (IOException ex) {
            throw new UncheckedIOException("Cannot read the browser app's build in " + directory, ex);
        }
    }

    private static String hash(Path file) throws IOException {
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-256");
        }
        catch (NoSuchAlgorithmException ex) {
            throw new IllegalStateException("This JVM has no SHA-256", ex);
        }
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), digest)) {
            in.transferTo(OutputStream.nullOutputStream());
        }
        return HexFormat.of().formatHex(digest.digest(), 0, 16);
    }

}
