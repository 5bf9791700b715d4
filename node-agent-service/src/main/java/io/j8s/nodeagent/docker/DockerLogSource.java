package io.j8s.nodeagent.docker;

import io.j8s.nodeagent.logs.ContainerLogSource;
import io.j8s.nodeagent.logs.LogRequest;
import java.io.Closeable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.FluxSink;

/** Container logs from Docker: the current instance of a pod's container, or with {@code previous} the one before. */
public final class DockerLogSource implements ContainerLogSource {

    private final DockerPodRuntime runtime;

    public DockerLogSource(DockerPodRuntime runtime) {
        this.runtime = runtime;
    }

    @Override
    public Flux<byte[]> logs(String namespace, String pod, String container, LogRequest request) {
        ContainerInfo instance = runtime.logContainer(namespace, pod, container, request.previous());
        if (instance == null) {
            throw new NotFound(request.previous()
                ? "previous terminated container \"" + container + "\" in pod \"" + pod + "\" not found"
                : "container \"" + container + "\" in pod \"" + pod + "\" is not available");
        }
        DockerEngine.LogOptions options = new DockerEngine.LogOptions(request.follow() && instance.running(),
            request.tailLines(), request.timestamps(), request.sinceSeconds());
        return Flux.create(sink -> {
            Closeable stream = runtime.engine().logs(instance.id(), options, sink::next, error -> {
                if (error == null) {
                    sink.complete();
                } else {
                    sink.error(error);
                }
            });
            sink.onDispose(() -> DockerEngine.closeQuietly(stream));
        }, FluxSink.OverflowStrategy.BUFFER);
    }
}
