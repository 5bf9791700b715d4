package io.j8s.common.client;

/** The patch formats Kubernetes accepts, by their Content-Type. */
public enum PatchType {
    /** RFC 7386 JSON merge patch: lists are replaced whole. */
    MERGE("application/merge-patch+json"),
    /** RFC 6902 JSON patch: a list of operations. */
    JSON("application/json-patch+json"),
    /** Kubernetes' strategic merge patch: lists of containers, ports, env, ... merge by name. */
    STRATEGIC("application/strategic-merge-patch+json");

    private final String contentType;

    PatchType(String contentType) {
        this.contentType = contentType;
    }

    public String contentType() {
        return contentType;
    }
}
