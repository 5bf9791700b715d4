package io.j8s.proxy.routing;

/** A Service by namespace and name: what users address, whatever pods are behind it. */
public record ServiceKey(String namespace, String name) {

    @Override
    public String toString() {
        return namespace + "/" + name;
    }
}
