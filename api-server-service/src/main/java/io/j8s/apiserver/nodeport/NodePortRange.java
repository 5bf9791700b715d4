package io.j8s.apiserver.nodeport;

/** The ports Services of type NodePort get theirs from: kube-apiserver's {@code --service-node-port-range}. */
public record NodePortRange(int first, int last) {

    private static final int LOWEST = 30000;
    private static final int HIGHEST = 32767;

    /** Kubernetes' default, and the widest range Service validation accepts. */
    public static final NodePortRange DEFAULT = new NodePortRange(LOWEST, HIGHEST);

    public NodePortRange {
        if (first < LOWEST || last > HIGHEST || first > last) {
            throw new IllegalArgumentException("the node port range " + first + "-" + last
                + " must lie within " + LOWEST + "-" + HIGHEST);
        }
    }

    /** {@code 30000-32767}, as the flag is written. */
    public static NodePortRange parse(String text) {
        String[] bounds = text.trim().split("-", 2);
        try {
            if (bounds.length == 2) {
                return new NodePortRange(Integer.parseInt(bounds[0].trim()), Integer.parseInt(bounds[1].trim()));
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("a node port range is written first-last, e.g. 30000-32767, not " + text);
    }

    public boolean contains(int port) {
        return port >= first && port <= last;
    }

    public int size() {
        return last - first + 1;
    }

    @Override
    public String toString() {
        return first + "-" + last;
    }
}
