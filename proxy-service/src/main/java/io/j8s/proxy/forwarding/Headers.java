package io.j8s.proxy.forwarding;

import io.netty.handler.codec.http.DefaultHttpHeadersFactory;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.util.AsciiString;
import java.util.Map;

/**
 * Which headers cross the proxy: all end-to-end headers unchanged (the Host header included, as a pod reached
 * through kube-proxy sees it), none of the hop-by-hop ones of RFC 9110 section 7.6.1, plus X-Forwarded-For (appended
 * to), X-Forwarded-Host and X-Forwarded-Proto (kept when a proxy in front already set them).
 */
final class Headers {

    static final AsciiString X_FORWARDED_FOR = AsciiString.cached("x-forwarded-for");
    static final AsciiString X_FORWARDED_HOST = AsciiString.cached("x-forwarded-host");
    static final AsciiString X_FORWARDED_PROTO = AsciiString.cached("x-forwarded-proto");

    /** An array, not a Set: checked for every header of every request, where an iterator is a garbage object. */
    private static final AsciiString[] HOP_BY_HOP = {
        HttpHeaderNames.CONNECTION, HttpHeaderNames.KEEP_ALIVE, AsciiString.cached("proxy-connection"),
        HttpHeaderNames.PROXY_AUTHENTICATE, HttpHeaderNames.PROXY_AUTHORIZATION, HttpHeaderNames.TE,
        HttpHeaderNames.TRAILER, HttpHeaderNames.TRANSFER_ENCODING, HttpHeaderNames.UPGRADE,
        // 100-continue is between the client and the proxy, which answers it when it starts reading the body
        HttpHeaderNames.EXPECT};
    /** Headers from Netty's decoders are valid already. */
    private static final DefaultHttpHeadersFactory UNVALIDATED =
        DefaultHttpHeadersFactory.headersFactory().withValidation(false);

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

    /** The headers to send to the endpoint for a request from {@code clientIp}. */
    static HttpHeaders toEndpoint(HttpHeaders request, String clientIp) {
        HttpHeaders out = UNVALIDATED.newHeaders();
        copyEndToEnd(request, out);
        if (request.containsValue(HttpHeaderNames.TRANSFER_ENCODING, HttpHeaderValues.CHUNKED, true)
            && !request.contains(HttpHeaderNames.CONTENT_LENGTH)) {
            // The body is streamed as it arrives, so it goes on chunked as well.
            out.set(HttpHeaderNames.TRANSFER_ENCODING, HttpHeaderValues.CHUNKED);
        }
        String forwardedFor = request.get(X_FORWARDED_FOR);
        out.set(X_FORWARDED_FOR, forwardedFor == null || forwardedFor.isBlank() ? clientIp : forwardedFor + ", " + clientIp);
        String host = request.get(HttpHeaderNames.HOST);
        if (host != null && !request.contains(X_FORWARDED_HOST)) {
            out.set(X_FORWARDED_HOST, host);
        }
        if (!request.contains(X_FORWARDED_PROTO)) {
            out.set(X_FORWARDED_PROTO, "http");
        }
        return out;
    }

    /** Copies the end-to-end headers of an endpoint's response to the client's. */
    static void copyResponse(HttpHeaders response, HttpHeaders out) {
        copyEndToEnd(response, out);
    }

    private static void copyEndToEnd(HttpHeaders from, HttpHeaders to) {
        String connection = from.get(HttpHeaderNames.CONNECTION);
        for (Map.Entry<CharSequence, CharSequence> header : (Iterable<Map.Entry<CharSequence, CharSequence>>) from::iteratorCharSequence) {
            CharSequence name = header.getKey();
            if (isHopByHop(name) || (connection != null && listedIn(connection, name))) {
                continue;
            }
            to.add(name, header.getValue());
        }
    }

    private static boolean isHopByHop(CharSequence name) {
        for (AsciiString hop : HOP_BY_HOP) {
            if (hop.contentEqualsIgnoreCase(name)) {
                return true;
            }
        }
        return false;
    }

    /** Whether the Connection header names {@code name} (e.g. {@code Connection: close, X-Debug}). */
    private static boolean listedIn(String connection, CharSequence name) {
        int start = 0;
        while (start < connection.length()) {
            int end = connection.indexOf(',', start);
            if (end < 0) {
                end = connection.length();
            }
            int from = start;
            int to = end;
            while (from < to && connection.charAt(from) == ' ') {
                from++;
            }
            while (to > from && connection.charAt(to - 1) == ' ') {
                to--;
            }
            if (to - from == name.length() && AsciiString.regionMatches(connection, true, from, name, 0, name.length())) {
                return true;
            }
            start = end + 1;
        }
        return false;
    }
}
