package io.j8s.proxy.forwarding;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.util.AsciiString;

/**
 * Which headers cross the proxy: all end-to-end headers unchanged (the Host header included, as a pod reached
 * through kube-proxy sees it), none of the hop-by-hop ones of RFC 9110 section 7.6.1, plus X-Forwarded-For (appended
 * to), X-Forwarded-Host and X-Forwarded-Proto (kept when a proxy in front already set them).
 */
final class Headers {

    static final AsciiString X_FORWARDED_FOR = AsciiString.cached("x-forwarded-for");
    static final AsciiString X_FORWARDED_HOST = AsciiString.cached("x-forwarded-host");
    static final AsciiString X_FORWARDED_PROTO = AsciiString.cached("x-forwarded-proto");

    /** An array, not a Set: walked for every request, where an iterator is a garbage object. */
    private static final AsciiString[] HOP_BY_HOP = {
        HttpHeaderNames.CONNECTION, HttpHeaderNames.KEEP_ALIVE, AsciiString.cached("proxy-connection"),
        HttpHeaderNames.PROXY_AUTHENTICATE, HttpHeaderNames.PROXY_AUTHORIZATION, HttpHeaderNames.TE,
        HttpHeaderNames.TRAILER, HttpHeaderNames.TRANSFER_ENCODING, HttpHeaderNames.UPGRADE,
        // 100-continue is between the client and the proxy, which answers it when it starts reading the body
        HttpHeaderNames.EXPECT};

    private Headers() {
    }

    /** Whether a request with these headers has a body: a non-zero Content-Length, or chunked transfer coding. */
    static boolean hasBody(HttpHeaders request) {
        String length = request.get(HttpHeaderNames.CONTENT_LENGTH);
        if (length != null) {
            return !"0".equals(length.trim());
        }
        return request.containsValue(HttpHeaderNames.TRANSFER_ENCODING, HttpHeaderValues.CHUNKED, true);
    }

    /**
     * Turns a client's request headers into the endpoint's, in place (cheaper than a copy): hop-by-hop headers
     * out, X-Forwarded-* in.
     */
    static void toEndpoint(HttpHeaders headers, String clientIp) {
        boolean chunked = headers.containsValue(HttpHeaderNames.TRANSFER_ENCODING, HttpHeaderValues.CHUNKED, true)
            && !headers.contains(HttpHeaderNames.CONTENT_LENGTH);
        removeHopByHop(headers);
        if (chunked) {
            // The body is streamed as it arrives, so it goes on chunked as well.
            headers.set(HttpHeaderNames.TRANSFER_ENCODING, HttpHeaderValues.CHUNKED);
        }
        String forwardedFor = headers.get(X_FORWARDED_FOR);
        headers.set(X_FORWARDED_FOR, forwardedFor == null || forwardedFor.isBlank() ? clientIp : forwardedFor + ", " + clientIp);
        String host = headers.get(HttpHeaderNames.HOST);
        if (host != null && !headers.contains(X_FORWARDED_HOST)) {
            headers.set(X_FORWARDED_HOST, host);
        }
        if (!headers.contains(X_FORWARDED_PROTO)) {
            headers.set(X_FORWARDED_PROTO, "http");
        }
    }

    /** Turns an endpoint's response headers into the client's, in place: hop-by-hop headers out. */
    static void toClient(HttpHeaders headers) {
        removeHopByHop(headers);
    }

    private static void removeHopByHop(HttpHeaders headers) {
        String connection = headers.get(HttpHeaderNames.CONNECTION);
        if (connection != null) {
            // Connection: close, X-Debug names more headers that are for this hop only
            int start = 0;
            while (start < connection.length()) {
                int end = connection.indexOf(',', start);
                end = end < 0 ? connection.length() : end;
                String token = connection.substring(start, end).trim();
                if (!token.isEmpty()) {
                    headers.remove(token);
                }
                start = end + 1;
            }
        }
        for (AsciiString name : HOP_BY_HOP) {
            headers.remove(name);
        }
    }
}
