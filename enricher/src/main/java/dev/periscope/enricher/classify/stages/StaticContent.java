package dev.periscope.enricher.classify.stages;

import java.util.Locale;
import java.util.Set;

/**
 * Static files and single-page-app shells versus API payloads, from a path's extension and a content type. The
 * content type on an event is the response's, else the request's (gateway rule).
 */
final class StaticContent {
    /** Extensions of files a web server serves as they are. */
    static final Set<String> ASSET_EXTENSIONS = Set.of("css", "js", "mjs", "map", "png", "jpg", "jpeg", "gif", "svg",
            "ico", "webp", "avif", "bmp", "woff", "woff2", "ttf", "otf", "eot", "html", "htm", "txt", "mp4", "webm",
            "mp3", "wasm", "pdf", "zip");

    private StaticContent() {
    }

    /** Whether the last segment of a (lower-cased) path ends in an asset extension ({@code /app/main.js}). */
    static boolean isAssetPath(String lowerPath) {
        String last = ClassifiedPath.lastSegment(lowerPath);
        int dot = last.lastIndexOf('.');
        return dot > 0 && dot < last.length() - 1 && ASSET_EXTENSIONS.contains(last.substring(dot + 1));
    }

    /** HTML, CSS, JavaScript, images, fonts, audio and video: what browsers render, not what APIs return. */
    static boolean isStaticContentType(String contentType) {
        String type = mediaType(contentType);
        return type.equals("text/html") || type.equals("application/xhtml+xml") || type.equals("text/css")
                || type.equals("text/javascript") || type.equals("application/javascript")
                || type.startsWith("image/") || type.startsWith("font/") || type.startsWith("audio/")
                || type.startsWith("video/") || type.equals("application/wasm");
    }

    /** HTML documents: where framing and script policies matter. */
    static boolean isHtml(String contentType) {
        String type = mediaType(contentType);
        return type.equals("text/html") || type.equals("application/xhtml+xml");
    }

    /** JSON, XML, gRPC, protobuf, GraphQL, NDJSON, CBOR, MessagePack and their {@code +json}/{@code +xml} kin. */
    static boolean isApiContentType(String contentType) {
        String type = mediaType(contentType);
        return type.equals("application/json") || type.endsWith("+json") || type.equals("application/xml")
                || type.equals("text/xml") || type.endsWith("+xml") || type.startsWith("application/grpc")
                || type.equals("application/x-protobuf") || type.equals("application/protobuf")
                || type.startsWith("application/graphql") || type.equals("application/x-ndjson")
                || type.equals("application/cbor") || type.equals("application/msgpack")
                || type.equals("application/x-msgpack");
    }

    static boolean isGrpc(String contentType) {
        return mediaType(contentType).startsWith("application/grpc");
    }

    /** The media type without parameters, lower-case ({@code Text/HTML; charset=utf-8} → {@code text/html}). */
    static String mediaType(String contentType) {
        int semicolon = contentType.indexOf(';');
        String type = semicolon < 0 ? contentType : contentType.substring(0, semicolon);
        return type.strip().toLowerCase(Locale.ROOT);
    }
}
