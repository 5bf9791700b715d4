package io.j8s.nodeagent.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.command.CreateContainerCmd;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.command.PullImageResultCallback;
import com.github.dockerjava.api.exception.ConflictException;
import com.github.dockerjava.api.exception.DockerException;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.exception.NotModifiedException;
import com.github.dockerjava.api.model.Frame;
import com.github.dockerjava.api.command.InspectVolumeResponse;
import com.github.dockerjava.api.model.Network;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Docker calls the agent makes, in its own terms, always scoped to containers and volumes labelled with this
 * node's name. Containers are inspected once per state: an exited container never changes, a running one only
 * when Docker reports another state.
 */
public final class DockerEngine {

    private static final Logger log = LoggerFactory.getLogger(DockerEngine.class);
    private static final Instant DOCKER_ZERO_TIME = Instant.parse("0001-01-01T00:00:00Z");

    private final DockerClient docker;
    private final String node;
    private static final long IMAGE_PRESENT_TTL_NANOS = java.util.concurrent.TimeUnit.SECONDS.toNanos(10);
    /** Images known to be present, with when that was checked. */
    private final Map<String, Long> presentImages = new ConcurrentHashMap<>();
    /** Inspections by container id, with the list state they were made in. */
    private final Map<String, ContainerInfo> inspected = new ConcurrentHashMap<>();

    public DockerEngine(DockerClient docker, String node) {
        this.docker = docker;
        this.node = node;
    }

    public DockerClient client() {
        return docker;
    }

    public void ping() {
        docker.pingCmd().exec();
    }

    /** Every container of pod {@code namespace/name} (any incarnation) on this node, newest attempt first. */
    public List<ContainerInfo> podContainers(String namespace, String name) {
        return containers(Map.of(Labels.NODE, node, Labels.POD_NAMESPACE, namespace, Labels.POD_NAME, name));
    }

    /** Every pod container on this node, without inspecting: id and labels are all that is filled in. */
    public List<com.github.dockerjava.api.model.Container> allContainers() {
        return docker.listContainersCmd().withShowAll(true).withLabelFilter(Map.of(Labels.NODE, node)).exec();
    }

    private List<ContainerInfo> containers(Map<String, String> labels) {
        List<ContainerInfo> result = new ArrayList<>();
        for (var summary : docker.listContainersCmd().withShowAll(true).withLabelFilter(labels).exec()) {
            ContainerInfo known = inspected.get(summary.getId());
            if (known == null || !known.state().equals(summary.getState())) {
                try {
                    known = inspect(summary.getId());
                } catch (NotFoundException gone) {
                    continue;
                }
            }
            result.add(known);
        }
        result.sort(Comparator.comparingInt(ContainerInfo::restartCount).reversed()
            .thenComparing(ContainerInfo::createdAt, Comparator.reverseOrder()));
        return result;
    }

    public ContainerInfo inspect(String id) {
        InspectContainerResponse response = docker.inspectContainerCmd(id).exec();
        InspectContainerResponse.ContainerState state = response.getState();
        Map<String, String> labels = response.getConfig().getLabels() == null ? Map.of()
            : Map.copyOf(response.getConfig().getLabels());
        ContainerInfo info = new ContainerInfo(response.getId(), labels.get(Labels.CONTAINER_NAME),
            Labels.restartCount(labels), labels, state.getStatus(), Boolean.TRUE.equals(state.getRunning()),
            state.getExitCodeLong() == null ? 0 : state.getExitCodeLong().intValue(),
            Boolean.TRUE.equals(state.getOOMKilled()), time(response.getCreated()), time(state.getStartedAt()),
            time(state.getFinishedAt()), state.getError() == null || state.getError().isEmpty() ? null : state.getError(),
            response.getConfig().getImage(), response.getImageId());
        inspected.put(id, info);
        return info;
    }

    private static Instant time(String value) {
        if (value == null || value.isEmpty()) {
            return null;
        }
        Instant instant = Instant.parse(value);
        return instant.equals(DOCKER_ZERO_TIME) ? null : instant;
    }

    /**
     * Whether Docker has {@code image}. A yes is remembered for a few seconds: every container start asks, and
     * images are rarely removed under a running node.
     */
    public boolean imageExists(String image) {
        Long seen = presentImages.get(image);
        if (seen != null && System.nanoTime() - seen < IMAGE_PRESENT_TTL_NANOS) {
            return true;
        }
        try {
            docker.inspectImageCmd(image).exec();
            presentImages.put(image, System.nanoTime());
            return true;
        } catch (NotFoundException e) {
            presentImages.remove(image);
            return false;
        }
    }

    /** Pulls {@code image}; fails with Docker's own message. */
    public void pull(String image, Duration timeout) throws InterruptedException {
        ImageReference ref = ImageReference.parse(image);
        var pull = docker.pullImageCmd(ref.repository());
        if (ref.tag() != null) {
            pull.withTag(ref.tag());
        }
        if (!pull.exec(new PullImageResultCallback()).awaitCompletion(timeout.toSeconds(), TimeUnit.SECONDS)) {
            throw new DockerException("pulling " + image + " took longer than " + timeout.toSeconds() + "s", 504);
        }
    }

    /** Creates a container; {@code configure} fills in what the command needs beyond the image. */
    public String create(String image, UnaryOperator<CreateContainerCmd> configure) {
        try (CreateContainerCmd cmd = docker.createContainerCmd(image)) {
            return configure.apply(cmd).exec().getId();
        }
    }

    public void start(String id) {
        try {
            docker.startContainerCmd(id).exec();
        } catch (NotModifiedException alreadyRunning) {
            // started meanwhile: what we wanted
        }
    }

    /** SIGTERM, then SIGKILL after {@code graceSeconds} (Docker's stop); a stopped or vanished container is fine. */
    public void stop(String id, long graceSeconds) {
        try {
            docker.stopContainerCmd(id).withTimeout((int) Math.min(Integer.MAX_VALUE, Math.max(0, graceSeconds))).exec();
        } catch (NotModifiedException | NotFoundException done) {
            // already stopped or gone
        }
    }

    public void remove(String id) {
        try {
            docker.removeContainerCmd(id).withForce(true).withRemoveVolumes(true).exec();
        } catch (NotFoundException gone) {
            // already gone
        } catch (ConflictException removing) {
            log.debug("container {} is already being removed", id);
        }
        inspected.remove(id);
    }

    /** Creates the named volume unless it exists. */
    public void ensureVolume(String name, Map<String, String> labels) {
        try {
            docker.inspectVolumeCmd(name).exec();
        } catch (NotFoundException missing) {
            docker.createVolumeCmd().withName(name).withLabels(labels).exec();
        }
    }

    /** Removes the volumes of pod {@code uid} (or of every pod whose uid is not kept, for leftovers). */
    public void removeVolumes(String podUid) {
        var volumes = docker.listVolumesCmd()
            .withFilter("label", List.of(Labels.NODE + "=" + node, Labels.POD_UID + "=" + podUid)).exec();
        if (volumes.getVolumes() == null) {
            return;
        }
        for (InspectVolumeResponse volume : volumes.getVolumes()) {
            try {
                docker.removeVolumeCmd(volume.getName()).exec();
            } catch (NotFoundException gone) {
                // removed meanwhile
            } catch (ConflictException inUse) {
                log.info("volume {} is still in use; removing it later", volume.getName());
            }
        }
    }

    /** Creates the bridge-mode network unless it exists. */
    public void ensureNetwork(String name) {
        List<Network> networks = docker.listNetworksCmd().withNameFilter(name).exec();
        if (networks.stream().noneMatch(n -> name.equals(n.getName()))) {
            try {
                docker.createNetworkCmd().withName(name).withDriver("bridge").exec();
            } catch (ConflictException createdMeanwhile) {
                // another agent made it
            }
        }
    }

    /** A sandbox's IP on a network (bridge mode). */
    public String ipAddress(String containerId, String network) {
        var networks = docker.inspectContainerCmd(containerId).exec().getNetworkSettings().getNetworks();
        var settings = networks == null ? null : networks.get(network);
        return settings == null ? null : settings.getIpAddress();
    }

    /** What running {@code command} in a container printed and its exit code, or an exception after the timeout. */
    public ExecResult exec(String containerId, List<String> command, Duration timeout) throws InterruptedException {
        String execId = docker.execCreateCmd(containerId).withCmd(command.toArray(String[]::new))
            .withAttachStdout(true).withAttachStderr(true).exec().getId();
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        ResultCallback.Adapter<Frame> callback = docker.execStartCmd(execId).exec(new ResultCallback.Adapter<>() {
            @Override
            public void onNext(Frame frame) {
                synchronized (output) {
                    output.writeBytes(frame.getPayload());
                }
            }
        });
        if (!callback.awaitCompletion(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            closeQuietly(callback);
            return new ExecResult(-1, "command timed out after " + timeout.toSeconds() + "s", true);
        }
        Long exitCode = docker.inspectExecCmd(execId).exec().getExitCodeLong();
        String text;
        synchronized (output) {
            text = output.toString(StandardCharsets.UTF_8);
        }
        return new ExecResult(exitCode == null ? -1 : exitCode.intValue(), text, false);
    }

    /** The result of {@link #exec}; {@code timedOut} when it did not finish in time. */
    public record ExecResult(int exitCode, String output, boolean timedOut) {
    }

    /**
     * Streams a container's log to {@code frames} (stdout and stderr as they were written); returns a handle whose
     * {@code close()} stops a followed stream. {@code onEnd} runs when the stream ends, with the error if it failed.
     */
    public Closeable logs(String containerId, LogOptions options, Consumer<byte[]> frames, Consumer<Throwable> onEnd) {
        var cmd = docker.logContainerCmd(containerId).withStdOut(true).withStdErr(true)
            .withFollowStream(options.follow()).withTimestamps(options.timestamps());
        if (options.tailLines() != null) {
            cmd.withTail(options.tailLines());
        } else {
            cmd.withTailAll();
        }
        if (options.sinceSeconds() != null) {
            cmd.withSince((int) (Instant.now().getEpochSecond() - options.sinceSeconds()));
        }
        return cmd.exec(streaming(frame -> frames.accept(frame.getPayload()), onEnd));
    }

    /** Which part of a container's log to stream. */
    public record LogOptions(boolean follow, Integer tailLines, boolean timestamps, Long sinceSeconds) {
    }

    /**
     * Calls {@code podKeys} with the pod of every container of this node that starts, dies or is killed for
     * memory, until the returned handle is closed; {@code onEnd} runs if Docker ends the stream.
     */
    public Closeable events(Consumer<String> podKeys, Consumer<Throwable> onEnd) {
        return docker.eventsCmd().withLabelFilter(Map.of(Labels.NODE, node)).withEventFilter("start", "die", "oom")
            .exec(DockerEngine.<com.github.dockerjava.api.model.Event>streaming(event -> {
                Map<String, String> attributes = event.getActor() == null ? null : event.getActor().getAttributes();
                if (attributes != null && attributes.containsKey(Labels.POD_NAMESPACE)) {
                    podKeys.accept(Labels.podKey(attributes));
                }
            }, onEnd));
    }

    /** A callback for one of Docker's streams: each item to {@code onNext}, its end (and error) to {@code onEnd}. */
    private static <T> ResultCallback.Adapter<T> streaming(Consumer<T> onNext, Consumer<Throwable> onEnd) {
        return new ResultCallback.Adapter<>() {
            @Override
            public void onNext(T item) {
                onNext.accept(item);
            }

            @Override
            public void onError(Throwable throwable) {
                onEnd.accept(throwable);
            }

            @Override
            public void onComplete() {
                onEnd.accept(null);
            }
        };
    }

    static void closeQuietly(Closeable closeable) {
        try {
            closeable.close();
        } catch (Exception ignored) {
            // closing a finished stream
        }
    }
}
