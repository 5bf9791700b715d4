package io.j8s.scheduler.framework;

/** CPU in millicores, memory in bytes, and a pod count: what NodeResourcesFit compares. */
public record ResourceList(long milliCpu, long memory, long pods) {

    public static final ResourceList ZERO = new ResourceList(0, 0, 0);

    public ResourceList plus(ResourceList other) {
        return new ResourceList(milliCpu + other.milliCpu, memory + other.memory, pods + other.pods);
    }

    public ResourceList minus(ResourceList other) {
        return new ResourceList(milliCpu - other.milliCpu, memory - other.memory, pods - other.pods);
    }
}
