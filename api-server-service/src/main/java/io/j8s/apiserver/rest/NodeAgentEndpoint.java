package io.j8s.apiserver.rest;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import tools.jackson.databind.JsonNode;

/**
 * Where a Node's agent listens, as kube-apiserver finds the kubelet: the Node's InternalIP (else its Hostname) and
 * {@code status.daemonEndpoints.kubeletEndpoint.Port}. What {@code pods/log} and {@code pods/exec} are relayed to.
 */
record NodeAgentEndpoint(String host, int port) {

    /** @throws ApiException 400 naming what is missing, for {@code purpose} ("to read logs from") */
    static NodeAgentEndpoint of(JsonNode node, String nodeName, String purpose) {
        String address = null;
        for (JsonNode candidate : node.path("status").path("addresses")) {
            String type = candidate.path("type").asString("");
            if (type.equals("InternalIP") || (address == null && type.equals("Hostname"))) {
                address = candidate.path("address").asString(null);
                if (type.equals("InternalIP")) {
                    break;
                }
            }
        }
        int port = node.path("status").path("daemonEndpoints").path("kubeletEndpoint").path("Port").asInt(0);
        if (address == null || port <= 0) {
            throw ApiException.badRequest("node " + nodeName + " has no node agent endpoint " + purpose);
        }
        return new NodeAgentEndpoint(address.contains(":") ? "[" + address + "]" : address, port);
    }

    /** {@code scheme://host:port/<path segments, each encoded>}. */
    String url(String scheme, String... segments) {
        StringBuilder url = new StringBuilder(scheme).append("://").append(host).append(':').append(port);
        for (String segment : segments) {
            url.append('/').append(URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20"));
        }
        return url.toString();
    }
}
