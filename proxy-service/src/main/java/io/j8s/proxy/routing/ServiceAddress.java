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
        if (host == null || host.isEmpty() || host.startsWith("[")) {
            return null;
        }
        String name = host.toLowerCase(java.util.Locale.ROOT);
        Integer port = null;
        int colon = name.lastIndexOf(':');
        if (colon >= 0) {
            try {
                port = Integer.valueOf(name.substring(colon + 1));
            } catch (NumberFormatException e) {
                return null;
            }
            name = name.substring(0, colon);
        }
        if (name.endsWith(".")) {
            name = name.substring(0, name.length() - 1);
        }
        String[] labels = name.split("\\.", -1);
        for (String label : labels) {
            if (label.isEmpty()) {
                return null;
            }
        }
        String namespace;
        if (labels.length == 1) {
            namespace = defaultNamespace;
        } else if (labels.length == 2 || (labels.length == 3 && "svc".equals(labels[2]))) {
            namespace = labels[1];
        } else if (labels.length > 3 && "svc".equals(labels[2])
            && String.join(".", java.util.Arrays.copyOfRange(labels, 3, labels.length)).equals(clusterDomain)) {
            namespace = labels[1];
        } else {
            return null;
        }
        return new ServiceAddress(namespace, labels[0], null, port, uri);
    }
}
