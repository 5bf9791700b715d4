package io.j8s.nodeagent.logs;

import reactor.core.publisher.Flux;

/** Where container logs come from: the runtime. */
public interface ContainerLogSource {

    /**
     * The log of a pod's container as chunks of bytes; ends with the log, or, when following, when the container
     * stops or the subscriber cancels.
     *
     * @throws NotFound when the pod has no such container (or no previous instance of it) on this node
     */
    Flux<byte[]> logs(String namespace, String pod, String container, LogRequest request);

    /** The container (instance) asked for is not on this node; the message says which. */
    final class NotFound extends RuntimeException {
        public NotFound(String message) {
            super(message);
        }
    }
}
