package io.j8s.proxy.routing;

/**
 * The Service a request names, and what it asks of it: from a path {@code /proxy/namespaces/{ns}/services/{svc}[:port]/rest}
 * or from a Host header {@code <svc>}, {@code <svc>.<ns>}, {@code <svc>.<ns>.svc} or
 * {@code <svc>.<ns>.svc.<cluster domain>}, each with or without {@code :port}.
 *
 * @param namespace the namespace; for a bare {@code Host: <svc>}, the proxy's default namespace
 * @param service   the Service's name
 * @param port      the service port by name or number (a path's {@code :port}), or null
 * @param hostPort  the port of the Host header, or null: the service port if the Service has one of that number
 * @param path      the path and query to send to the endpoint
 */
public record ServiceAddress(String namespace, String service, String port, Integer hostPort, String path) {

    static final String PATH_PREFIX = "/proxy/namespaces/";

    public static boolean isProxyPath(String uri) {
        return uri.startsWith(PATH_PREFIX);
    }

    /**
     * The Service named by {@code /proxy/namespaces/{ns}/services/{svc}[:port][/rest][?query]}; the endpoint gets
     * {@code /rest?query}. The Service may be written {@code http:svc:port} as for the API server's service proxy.
     * Null when the path does not have that shape.
     */
    public static ServiceAddress fromPath(String uri) {
        if (!isProxyPath(uri)) {
            return null;
        }
        int query = uri.indexOf('?');
        String pathOnly = query < 0 ? uri : uri.substring(0, query);
        String[] segments = pathOnly.substring(PATH_PREFIX.length()).split("/", 4);
        if (segments.length < 3 || segments[0].isEmpty() || !"services".equals(segments[1]) || segments[2].isEmpty()) {
            return null;
        }
        String[] parts = segments[2].split(":", -1);
        if (parts.length == 3 && ("http".equals(parts[0]) || parts[0].isEmpty())) {
            parts = new String[] {parts[1], parts[2]};
        }
        if (parts.length > 2 || parts[0].isEmpty() || (parts.length == 2 && parts[1].isEmpty())) {
            return null;
        }
        String rest = segments.length == 4 ? "/" + segments[3] : "/";
        return new ServiceAddress(segments[0], parts[0], parts.length == 2 ? parts[1] : null, null,
            query < 0 ? rest : rest + uri.substring(query));
    }

    /**
     * The Service a Host header names, Kubernetes DNS style; null when it names none (an IP address, another
     * domain). The endpoint gets {@code uri} as it came.
     */
    public static ServiceAddress fromHost(String host, String uri, String defaultNamespace, String clusterDomain) {
        if (host == null || host.isEmpty() || host.charAt(0) == '[') {
            return null;
        }
        // Parsed by hand, without regular expressions or arrays: this runs for every request.
        int end = host.length();
        Integer port = null;
        int colon = host.lastIndexOf(':');
        if (colon >= 0) {
            port = parsePort(host, colon + 1);
            if (port == null) {
                return null;
            }
            end = colon;
        }
        if (end > 0 && host.charAt(end - 1) == '.') {
            end--;
        }
        int firstDot = host.indexOf('.');
        if (firstDot < 0 || firstDot >= end) {
            return end == 0 ? null : new ServiceAddress(defaultNamespace, lower(host, 0, end), null, port, uri);
        }
        int secondDot = host.indexOf('.', firstDot + 1);
        if (secondDot < 0 || secondDot >= end) {
            return labels(host, firstDot, end) ? new ServiceAddress(lower(host, firstDot + 1, end),
                lower(host, 0, firstDot), null, port, uri) : null;
        }
        // <svc>.<ns>.svc or <svc>.<ns>.svc.<cluster domain>
        boolean svc = host.regionMatches(true, secondDot + 1, "svc", 0, 3);
        int afterSvc = secondDot + 4;
        boolean bare = svc && afterSvc == end;
        boolean withDomain = svc && afterSvc < end && host.charAt(afterSvc) == '.'
            && end - afterSvc - 1 == clusterDomain.length()
            && host.regionMatches(true, afterSvc + 1, clusterDomain, 0, clusterDomain.length());
        if ((!bare && !withDomain) || !labels(host, firstDot, secondDot)) {
            return null;
        }
        return new ServiceAddress(lower(host, firstDot + 1, secondDot), lower(host, 0, firstDot), null, port, uri);
    }

    /** The two labels around {@code dot}, ending at {@code end}, are not empty. */
    private static boolean labels(String host, int dot, int end) {
        return dot > 0 && end > dot + 1;
    }

    private static Integer parsePort(String host, int from) {
        if (from >= host.length() || host.length() - from > 5) {
            return null;
        }
        int port = 0;
        for (int i = from; i < host.length(); i++) {
            char c = host.charAt(i);
            if (c < '0' || c > '9') {
                return null;
            }
            port = port * 10 + (c - '0');
        }
        return port;
    }

    private static String lower(String host, int from, int to) {
        for (int i = from; i < to; i++) {
            char c = host.charAt(i);
            if (c >= 'A' && c <= 'Z') {
                return host.substring(from, to).toLowerCase(java.util.Locale.ROOT);
            }
        }
        return host.substring(from, to);
    }
}
