package io.j8s.nodeagent.docker;

import com.github.dockerjava.api.command.CreateContainerCmd;
import com.github.dockerjava.api.exception.DockerException;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Bind;
import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.InternetProtocol;
import com.github.dockerjava.api.model.Ports;
import com.github.dockerjava.api.model.Volume;
import io.j8s.common.api.core.Container;
import io.j8s.common.api.core.ContainerState;
import io.j8s.common.api.core.ContainerStatus;
import io.j8s.common.api.core.HostPorts;
import io.j8s.common.api.core.Pod;
import io.j8s.common.api.core.VolumeMount;
import io.j8s.common.api.meta.Times;
import io.j8s.common.events.EventRecorder;
import io.j8s.common.json.Json;
import io.j8s.nodeagent.NodeAgentProperties;
import io.j8s.nodeagent.pod.Backoff;
import io.j8s.nodeagent.pod.PodRuntime;
import io.j8s.nodeagent.pod.PodSnapshot;
import io.j8s.nodeagent.pod.PodStatuses;
import io.j8s.nodeagent.probe.ProbeKind;
import io.j8s.nodeagent.probe.ProbeManager;
import io.j8s.nodeagent.probe.ProbeResult;
import io.j8s.nodeagent.probe.ProbeTarget;
import io.j8s.nodeagent.probe.Prober;
import java.io.Closeable;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs pods as Docker containers, as the kubelet runs them through a container runtime: a sandbox container that
 * owns the pod's network namespace (publishing its ports in host-port mode, or joined to a Docker network in bridge
 * mode), then each app container joined to it, with the pod's env, command, limits and emptyDir volumes. Containers
 * that exit are restarted by the pod's restartPolicy with CrashLoopBackOff; failed liveness and startup probes kill
 * them. Everything the agent must remember across its own restarts is in the containers' labels.
 */
public final class DockerPodRuntime implements PodRuntime, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(DockerPodRuntime.class);
    private static final Duration PULL_TIMEOUT = Duration.ofMinutes(5);
    private static final int PORT_ATTEMPTS = 8;
    private static final long DEFAULT_GRACE_SECONDS = 30;
    /** The kubelet's waiting reason of containers whose pod's init containers have not all completed. */
    private static final String POD_INITIALIZING = "PodInitializing";

    private final DockerEngine docker;
    private final NodeAgentProperties properties;
    private final String node;
    private final EventRecorder events;
    private final HostPortAllocator ports;
    private final Backoff crashBackoff;
    private final Backoff pullBackoff;
    private final ProbeManager probes;
    private final Clock clock;
    private final Pattern portInError;
    private final ExecutorService stopper = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "container-stopper");
        thread.setDaemon(true);
        return thread;
    });
    /** Bridge-mode pod IPs by sandbox id (a sandbox keeps its IP for life). */
    private final Map<String, String> sandboxIps = new ConcurrentHashMap<>();
    private volatile Consumer<String> podChanges = key -> { };
    private volatile Closeable eventStream;
    private volatile boolean closed;

    public DockerPodRuntime(DockerEngine docker, NodeAgentProperties properties, EventRecorder events, Clock clock) {
        this.docker = docker;
        this.properties = properties;
        this.node = properties.nodeName();
        this.events = events;
        this.clock = clock;
        this.ports = new HostPortAllocator(properties.network().rangeStart(), properties.network().rangeEnd(),
            HostPortAllocator.bindable(properties.advertiseAddress()));
        this.crashBackoff = new Backoff(Duration.ofSeconds(10), Duration.ofMinutes(5), clock);
        this.pullBackoff = new Backoff(Duration.ofSeconds(10), Duration.ofMinutes(5), clock);
        this.probes = new ProbeManager(new Prober(this::execProbe), events, key -> podChanges.accept(key), 4);
        this.portInError = Pattern.compile(Pattern.quote(properties.advertiseAddress()) + ":(\\d+)");
    }

    /**
     * Checks Docker, makes sure the sandbox image and the bridge network exist, marks the ports this node's
     * running sandboxes hold, and starts listening to Docker's container events.
     */
    public void start() {
        docker.ping();
        if (properties.network().mode().equals(NodeAgentProperties.Network.BRIDGE)) {
            docker.ensureNetwork(properties.network().bridgeNetwork());
        }
        for (var container : docker.allContainers()) {
            Map<String, String> labels = container.getLabels();
            if (labels != null && Labels.SANDBOX.equals(labels.get(Labels.CONTAINER_NAME))) {
                HostPorts.parse(labels.get(Labels.HOST_PORTS)).values().forEach(ports::markUsed);
            }
        }
        subscribeToEvents();
    }

    private void subscribeToEvents() {
        if (closed) {
            return;
        }
        eventStream = docker.events(key -> podChanges.accept(key), error -> {
            if (!closed) {
                log.warn("Docker's event stream ended ({}); listening again in 2 s",
                    error == null ? "closed" : error.toString());
                CompletableFuture.delayedExecutor(2, java.util.concurrent.TimeUnit.SECONDS)
                    .execute(this::subscribeToEventsSafely);
            }
        });
    }

    private void subscribeToEventsSafely() {
        try {
            subscribeToEvents();
        } catch (RuntimeException e) {
            log.warn("cannot listen to Docker's events ({}); trying again in 2 s", e.toString());
            CompletableFuture.delayedExecutor(2, java.util.concurrent.TimeUnit.SECONDS)
                .execute(this::subscribeToEventsSafely);
        }
    }

    @Override
    public void onContainerChange(Consumer<String> podKeys) {
        this.podChanges = podKeys;
    }

    // ---- sync

    @Override
    public PodSnapshot sync(Pod pod) {
        String uid = pod.metadata().uid();
        List<ContainerInfo> all = docker.podContainers(pod.metadata().namespace(), pod.metadata().name());
        List<ContainerInfo> mine = new ArrayList<>();
        for (ContainerInfo container : all) {
            if (uid.equals(container.podUid())) {
                mine.add(container);
            } else {
                removeContainer(container); // an earlier pod of the same name
            }
        }
        ContainerInfo sandboxInfo = mine.stream().filter(ContainerInfo::isSandbox).findFirst().orElse(null);
        Map<String, List<ContainerInfo>> byName = new HashMap<>();
        mine.stream().filter(c -> !c.isSandbox()).forEach(c -> byName.computeIfAbsent(c.name(), n -> new ArrayList<>()).add(c));

        SyncContext ctx = new SyncContext(pod);
        long started = System.nanoTime();
        Sandbox sandbox;
        try {
            sandbox = ensureSandbox(pod, sandboxInfo, byName, mine);
        } catch (SandboxException e) {
            events.warning(pod, "FailedCreatePodSandBox", "Failed to create pod sandbox: %s", e.getMessage());
            allWaiting(ctx, notStartedReason(pod), null);
            return ctx.snapshot(null, Duration.ofSeconds(5));
        }
        boolean initialized = syncInitContainers(ctx, byName, sandbox);
        String appPolicy = PodStatuses.restartPolicy(pod);
        for (Container container : pod.spec().containersOrEmpty()) {
            if (!initialized) {
                ctx.statuses.add(waiting(container, POD_INITIALIZING, null, 0, null));
                continue;
            }
            List<ContainerInfo> instances = byName.getOrDefault(container.name(), List.of());
            ctx.statuses.add(syncContainer(ctx, container, instances, sandbox, appPolicy));
        }
        Set<String> runningIds = new HashSet<>();
        for (ContainerStatus status : ctx.statuses) {
            if (status.state() != null && status.state().running() != null) {
                runningIds.add(status.containerID().substring("docker://".length()));
            }
        }
        probes.retain(uid, runningIds);
        if (sandboxInfo == null) {
            log.info("pod {}/{}: started in {} ms", pod.metadata().namespace(), pod.metadata().name(),
                (System.nanoTime() - started) / 1_000_000);
        }
        return ctx.snapshot(sandbox, null);
    }

    /** What one sync of a pod collects. */
    private final class SyncContext {
        final Pod pod;
        final List<ContainerStatus> statuses = new ArrayList<>();
        Duration recheck;

        SyncContext(Pod pod) {
            this.pod = pod;
        }

        void recheckWithin(Duration d) {
            if (d != null && (recheck == null || d.compareTo(recheck) < 0)) {
                recheck = d;
            }
        }

        PodSnapshot snapshot(Sandbox sandbox, Duration retry) {
            recheckWithin(retry);
            boolean announce = sandbox != null && properties.network().hostPort() && !"{}".equals(sandbox.declaredPortsJson());
            Map<String, String> annotations = announce ? Map.of(HostPorts.ANNOTATION, sandbox.declaredPortsJson())
                : Map.of();
            return new PodSnapshot(sandbox == null ? null : sandbox.podIp(), properties.advertiseAddress(), statuses,
                annotations, recheck);
        }
    }

    // ---- sandbox

    /** The running sandbox of a pod: its id, the pod IP, and the host port of each published container port. */
    private record Sandbox(String id, String podIp, Map<String, Integer> hostPorts, String declaredPortsJson) {

        ProbeTarget probeTarget(String hostAddress, boolean hostPortMode) {
            Map<Integer, Integer> tcp = new HashMap<>();
            hostPorts.forEach((key, port) -> {
                if (key.endsWith("/TCP")) {
                    tcp.put(Integer.parseInt(key.substring(0, key.indexOf('/'))), port);
                }
            });
            return hostPortMode ? new ProbeTarget(hostAddress, tcp) : new ProbeTarget(podIp, Map.of());
        }
    }

    private static final class SandboxException extends Exception {
        SandboxException(String message) {
            super(message);
        }
    }

    private Sandbox ensureSandbox(Pod pod, ContainerInfo existing, Map<String, List<ContainerInfo>> byName,
            List<ContainerInfo> mine) throws SandboxException {
        if (existing != null && existing.running()) {
            return sandboxOf(existing);
        }
        int attempt = 0;
        if (existing != null) {
            attempt = existing.restartCount() + 1;
            events.normal(pod, "SandboxChanged", "Pod sandbox changed, it will be killed and re-created.");
            // The app containers lived in the old sandbox's network: stop them; they restart by their policy.
            stopAll(byName.values().stream().flatMap(List::stream).filter(ContainerInfo::running).toList(),
                gracePeriodOf(pod));
            for (ContainerInfo old : mine) {
                if (old.isSandbox()) {
                    removeContainer(old);
                }
            }
            byName.replaceAll((name, instances) -> instances.stream().map(c -> docker.inspect(c.id())).toList());
        }
        return createSandbox(pod, attempt);
    }

    private Sandbox sandboxOf(ContainerInfo sandbox) {
        Map<String, Integer> published = HostPorts.parse(sandbox.labels().get(Labels.HOST_PORTS));
        String declared = sandbox.labels().getOrDefault(Labels.DECLARED_HOST_PORTS, "{}");
        boolean onHost = "true".equals(sandbox.labels().get(Labels.HOST_NETWORK));
        String ip = properties.network().hostPort() || onHost ? properties.advertiseAddress()
            : sandboxIps.computeIfAbsent(sandbox.id(), id -> docker.ipAddress(id, properties.network().bridgeNetwork()));
        return new Sandbox(sandbox.id(), ip, published, declared);
    }

    private Sandbox createSandbox(Pod pod, int attempt) throws SandboxException {
        String image = properties.sandbox().image();
        if (!docker.imageExists(image)) {
            try {
                docker.pull(image, PULL_TIMEOUT);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new SandboxException("interrupted while pulling the sandbox image " + image);
            } catch (RuntimeException e) {
                throw new SandboxException("the sandbox image " + image + " is missing and cannot be pulled: "
                    + e.getMessage());
            }
        }
        List<PublishedPort> wanted = PublishedPort.of(pod, properties.network().hostPort());
        String lastError = null;
        for (int tries = 0; tries < PORT_ATTEMPTS; tries++) {
            Map<String, Integer> hostPorts = new LinkedHashMap<>();
            Set<Integer> allocated = new HashSet<>();
            for (PublishedPort port : wanted) {
                int hostPort;
                if (port.hostPort() != null) {
                    hostPort = port.hostPort();
                    ports.markUsed(hostPort);
                } else {
                    hostPort = ports.allocate();
                    allocated.add(hostPort);
                }
                hostPorts.put(port.key(), hostPort);
            }
            String id = null;
            try {
                id = docker.create(image, cmd -> configureSandbox(cmd, pod, attempt, wanted, hostPorts));
                docker.start(id);
                log.info("pod {}/{}: sandbox {} started{}", pod.metadata().namespace(), pod.metadata().name(),
                    id.substring(0, 12), hostPorts.isEmpty() ? "" : ", ports " + hostPorts);
                return sandboxOf(docker.inspect(id));
            } catch (DockerException e) {
                lastError = e.getMessage();
                if (id != null) {
                    docker.remove(id);
                }
                if (!isPortConflict(lastError)) {
                    allocated.forEach(ports::release);
                    throw new SandboxException(lastError);
                }
                Matcher taken = portInError.matcher(lastError);
                Integer conflicted = taken.find() ? Integer.valueOf(taken.group(1)) : null;
                for (int port : allocated) {
                    if (conflicted == null || conflicted == port) {
                        ports.conflicted(port);
                    } else {
                        ports.release(port);
                    }
                }
                if (conflicted != null && !allocated.contains(conflicted)) {
                    throw new SandboxException(lastError); // a hostPort the pod asked for is taken: retrying won't help
                }
                log.info("pod {}/{}: host port taken by someone else ({}); trying other ports",
                    pod.metadata().namespace(), pod.metadata().name(), lastError);
            }
        }
        throw new SandboxException(lastError);
    }

    private static boolean isPortConflict(String message) {
        return message != null && (message.contains("port is already allocated")
            || message.contains("address already in use"));
    }

    private CreateContainerCmd configureSandbox(CreateContainerCmd cmd, Pod pod, int attempt,
            List<PublishedPort> wanted, Map<String, Integer> hostPorts) {
        Map<String, String> labels = Labels.of(node, pod, Labels.SANDBOX, attempt);
        labels.put(Labels.HOST_PORTS, HostPorts.format(hostPorts));
        Map<String, Integer> declared = new LinkedHashMap<>();
        wanted.stream().filter(PublishedPort::declared).forEach(p -> declared.put(p.key(), hostPorts.get(p.key())));
        labels.put(Labels.DECLARED_HOST_PORTS, HostPorts.format(declared));
        if (hostNetwork(pod)) {
            labels.put(Labels.HOST_NETWORK, "true");
        }
        Ports bindings = new Ports();
        List<ExposedPort> exposed = new ArrayList<>();
        for (PublishedPort port : wanted) {
            ExposedPort exposedPort = new ExposedPort(port.containerPort(),
                InternetProtocol.parse(port.protocol().toLowerCase()));
            exposed.add(exposedPort);
            bindings.bind(exposedPort, Ports.Binding.bindIpAndPort(properties.advertiseAddress(), hostPorts.get(port.key())));
        }
        HostConfig host = HostConfig.newHostConfig().withPortBindings(bindings).withIpcMode("shareable");
        if (hostNetwork(pod)) {
            host.withNetworkMode("host"); // the pod's ports are the host's own
        } else if (!properties.network().hostPort()) {
            host.withNetworkMode(properties.network().bridgeNetwork());
        }
        if (!hostNetwork(pod)) {
            cmd.withHostName(hostname(pod.metadata().name()));
        }
        return cmd.withName(containerName(pod, Labels.SANDBOX, attempt))
            .withLabels(labels)
            .withExposedPorts(exposed)
            .withEntrypoint(properties.sandbox().command())
            .withHostConfig(host);
    }

    private static boolean hostNetwork(Pod pod) {
        return Boolean.TRUE.equals(pod.spec().hostNetwork());
    }

    private static String hostname(String podName) {
        String name = podName.length() > 63 ? podName.substring(0, 63) : podName;
        return name.replaceAll("[^a-z0-9-]", "-");
    }

    // ---- init containers

    /**
     * Runs the pod's init containers as the kubelet's findNextInitContainerToRun does: one at a time, in spec order,
     * each to completion, through the same code path as app containers (same sandbox, volumes, env, limits, events).
     * One that exited 0 is done for good, also for a restarted agent, since its exited Docker container stays; one
     * that failed runs again with CrashLoopBackOff, or never under restartPolicy Never (the pod then fails). Once an
     * app container exists the pod was initialized: init containers are only reported, never run again. Returns
     * whether every init container is done, so the app containers may run.
     */
    private boolean syncInitContainers(SyncContext ctx, Map<String, List<ContainerInfo>> byName, Sandbox sandbox) {
        Pod pod = ctx.pod;
        List<Container> inits = pod.spec().initContainersOrEmpty();
        if (inits.isEmpty()) {
            return true;
        }
        List<String> sidecars = inits.stream().filter(DockerPodRuntime::isSidecar).map(Container::name).toList();
        if (!sidecars.isEmpty()) {
            refuseSidecars(ctx, sidecars);
            return false;
        }
        boolean initializedBefore = pod.spec().containersOrEmpty().stream().anyMatch(c -> byName.containsKey(c.name()));
        String policy = PodStatuses.initRestartPolicy(pod);
        boolean done = true;
        for (Container spec : inits) {
            List<ContainerInfo> instances = byName.getOrDefault(spec.name(), List.of());
            ContainerInfo current = instances.isEmpty() ? null : instances.get(0);
            ContainerInfo previous = instances.size() > 1 ? instances.get(1) : null;
            ContainerStatus status;
            if (initializedBefore || !done || completed(current)) {
                if (current == null) {
                    if (!initializedBefore) {
                        ctx.statuses.add(waiting(spec, POD_INITIALIZING, null, 0, null));
                    } // else: removed since; the status last reported stays
                    continue;
                }
                ContainerState state = current.running() ? ContainerState.running(format(current.startedAt()))
                    : terminated(current);
                status = status(spec, current, state, previous == null ? null : terminated(previous), false);
            } else {
                status = syncContainer(ctx, spec, instances, sandbox, policy);
            }
            boolean succeeded = status.state().terminated() != null
                && Integer.valueOf(0).equals(status.state().terminated().exitCode());
            // The kubelet's prober: an init container is ready once it exited 0, started only while it runs.
            ctx.statuses.add(status.withReady(succeeded).withStarted(status.state().running() != null));
            done = done && succeeded;
        }
        return done || initializedBefore;
    }

    private static boolean completed(ContainerInfo container) {
        return container != null && !container.running() && container.startedAt() != null
            && container.exitCode() == 0 && container.error() == null;
    }

    /** A restartable init container ({@code restartPolicy: Always}): a sidecar, which j8s does not run. */
    private static boolean isSidecar(Container container) {
        return "Always".equals(container.extra().get("restartPolicy"));
    }

    /**
     * Sidecars are not supported: rather than run one as a plain init container (where a long-running one would
     * block the pod for ever without a word), nothing of the pod runs, every container waits with
     * CreateContainerConfigError saying why (so kubectl's STATUS shows it), and a warning event says it too.
     */
    private void refuseSidecars(SyncContext ctx, List<String> sidecars) {
        String message = "init container" + (sidecars.size() > 1 ? "s " : " ") + String.join(", ", sidecars)
            + " with restartPolicy Always (sidecar) not supported by j8s";
        events.warning(ctx.pod, "Failed", "Error: %s", message);
        allWaiting(ctx, "CreateContainerConfigError", message);
    }

    /** Every container of the pod, init and app, waiting for the same reason: nothing of it could be created. */
    private void allWaiting(SyncContext ctx, String reason, String message) {
        for (Container container : ctx.pod.spec().initContainersOrEmpty()) {
            ctx.statuses.add(waiting(container, reason, message, 0, null));
        }
        for (Container container : ctx.pod.spec().containersOrEmpty()) {
            ctx.statuses.add(waiting(container, reason, message, 0, null));
        }
    }

    /** Why a container that has not been created yet waits: its pod's init containers, or its own creation. */
    private static String notStartedReason(Pod pod) {
        return pod.spec().initContainersOrEmpty().isEmpty() ? "ContainerCreating" : POD_INITIALIZING;
    }

    // ---- app containers

    /**
     * Brings one container (app or init) toward running: starts it, restarts it by {@code restartPolicy} with
     * CrashLoopBackOff, kills it when a probe says so.
     */
    private ContainerStatus syncContainer(SyncContext ctx, Container spec, List<ContainerInfo> instances,
            Sandbox sandbox, String restartPolicy) {
        Pod pod = ctx.pod;
        ContainerInfo current = instances.isEmpty() ? null : instances.get(0);
        ContainerInfo previous = instances.size() > 1 ? instances.get(1) : null;
        if (current == null) {
            return startContainer(ctx, spec, sandbox, 0, null);
        }
        boolean forceRestart = false;
        if (current.running()) {
            ProbeKind failed = probes.failedProbe(current.id());
            if (!current.image().equals(spec.image())) {
                events.normal(pod, "Killing", "Container %s definition changed, will be restarted", spec.name());
                current = stopAndInspect(current, gracePeriodOf(pod));
                forceRestart = true;
            } else if (failed != null) {
                events.normal(pod, "Killing", "Container %s failed %s probe, will be restarted", spec.name(),
                    failed.label().toLowerCase());
                current = stopAndInspect(current, gracePeriodOf(pod));
            } else {
                probes.ensure(pod, spec, current.id(), sandbox.probeTarget(properties.advertiseAddress(),
                    properties.network().hostPort()));
                return runningStatus(spec, current, previous);
            }
            if (current.running()) {
                return runningStatus(spec, current, previous); // would not stop: look again soon
            }
        }
        // current has exited (or never started)
        ContainerState lastState = terminated(current);
        if (!forceRestart && !PodStatuses.shouldRestart(restartPolicy, current.exitCode())) {
            return status(spec, current, lastState, previous == null ? null : terminated(previous), false);
        }
        String key = pod.metadata().uid() + "/" + spec.name();
        Instant finishedAt = current.finishedAt() != null ? current.finishedAt() : clock.instant();
        var wait = crashBackoff.remaining(key, finishedAt);
        if (wait.isPresent()) {
            Duration backoff = crashBackoff.current(key);
            events.warning(pod, "BackOff", "Back-off restarting failed container %s in pod %s_%s(%s)", spec.name(),
                pod.metadata().name(), pod.metadata().namespace(), pod.metadata().uid());
            ctx.recheckWithin(wait.get());
            return waiting(spec, "CrashLoopBackOff", "back-off " + backoff.toSeconds() + "s restarting failed container="
                + spec.name() + " pod=" + pod.metadata().name() + "_" + pod.metadata().namespace() + "("
                + pod.metadata().uid() + ")", current.restartCount(), lastState)
                .withContainerID("docker://" + current.id());
        }
        crashBackoff.next(key, finishedAt);
        if (previous != null) {
            instances.subList(1, instances.size()).forEach(this::removeContainer); // keep one dead instance, for logs
        }
        return startContainer(ctx, spec, sandbox, current.restartCount() + 1, current);
    }

    private ContainerInfo stopAndInspect(ContainerInfo container, long graceSeconds) {
        docker.stop(container.id(), graceSeconds);
        return docker.inspect(container.id());
    }

    private ContainerStatus startContainer(SyncContext ctx, Container spec, Sandbox sandbox, int restartCount,
            ContainerInfo previous) {
        Pod pod = ctx.pod;
        ContainerState lastState = previous == null ? null : terminated(previous);
        String imageProblem = ensureImage(ctx, spec);
        if (imageProblem != null) {
            String reason = imageProblem.substring(0, imageProblem.indexOf(':'));
            return waiting(spec, reason, imageProblem.substring(reason.length() + 1).strip(), restartCount, lastState);
        }
        String id;
        try {
            id = docker.create(spec.image(), cmd -> configureContainer(cmd, pod, spec, sandbox, restartCount));
        } catch (DockerException e) {
            events.warning(pod, "Failed", "Error: %s", e.getMessage());
            ctx.recheckWithin(Duration.ofSeconds(10));
            return waiting(spec, "CreateContainerError", e.getMessage(), restartCount, lastState);
        }
        events.normal(pod, "Created", "Created container %s", spec.name());
        try {
            docker.start(id);
        } catch (DockerException e) {
            events.warning(pod, "Failed", "Error: %s", e.getMessage());
            ctx.recheckWithin(Duration.ofSeconds(1));
            return waiting(spec, "RunContainerError", e.getMessage(), restartCount, lastState)
                .withContainerID("docker://" + id);
        }
        events.normal(pod, "Started", "Started container %s", spec.name());
        ContainerInfo started = docker.inspect(id);
        if (started.running()) {
            probes.ensure(pod, spec, id, sandbox.probeTarget(properties.advertiseAddress(),
                properties.network().hostPort()));
            return runningStatus(spec, started, previous);
        }
        ctx.recheckWithin(Duration.ofMillis(200)); // exited at once: the next sync applies the restart policy
        return status(spec, started, terminated(started), lastState, false);
    }

    /**
     * Makes sure the container's image is there by its pull policy; returns null when it is, otherwise
     * {@code Reason: message} for the container's waiting state (ErrImagePull, ImagePullBackOff, ErrImageNeverPull).
     */
    private String ensureImage(SyncContext ctx, Container spec) {
        Pod pod = ctx.pod;
        String image = spec.image();
        String policy = spec.imagePullPolicy() == null || spec.imagePullPolicy().isEmpty()
            ? ImageReference.defaultPullPolicy(image) : spec.imagePullPolicy();
        boolean present = docker.imageExists(image);
        if ("Never".equals(policy)) {
            if (present) {
                return null;
            }
            String message = "Container image \"" + image + "\" is not present with pull policy of Never";
            events.warning(pod, "ErrImageNeverPull", "%s", message);
            return "ErrImageNeverPull: " + message;
        }
        if ("IfNotPresent".equals(policy) && present) {
            events.normal(pod, "Pulled", "Container image \"%s\" already present on machine", image);
            return null;
        }
        String key = pod.metadata().uid() + "/image/" + image;
        var wait = pullBackoff.remaining(key, clock.instant());
        if (wait.isPresent()) {
            events.normal(pod, "BackOff", "Back-off pulling image \"%s\"", image);
            ctx.recheckWithin(wait.get());
            return "ImagePullBackOff: Back-off pulling image \"" + image + "\"";
        }
        events.normal(pod, "Pulling", "Pulling image \"%s\"", image);
        Instant start = clock.instant();
        try {
            docker.pull(image, PULL_TIMEOUT);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "ErrImagePull: interrupted";
        } catch (RuntimeException e) {
            Duration backoff = pullBackoff.next(key, clock.instant());
            String message = e.getMessage() == null ? e.toString() : e.getMessage();
            events.warning(pod, "Failed", "Failed to pull image \"%s\": %s", image, message);
            events.warning(pod, "Failed", "Error: ErrImagePull");
            ctx.recheckWithin(backoff);
            return "ErrImagePull: " + message;
        }
        events.normal(pod, "Pulled", "Successfully pulled image \"%s\" in %.3fs", image,
            Duration.between(start, clock.instant()).toMillis() / 1000.0);
        return null;
    }

    private CreateContainerCmd configureContainer(CreateContainerCmd cmd, Pod pod, Container spec, Sandbox sandbox,
            int restartCount) {
        List<String> env = ContainerConfigs.environment(pod, spec, sandbox.podIp(), properties.advertiseAddress());
        Map<String, String> vars = ContainerConfigs.environmentMap(env);
        ContainerConfigs.Limits limits = ContainerConfigs.limits(spec);
        HostConfig host = HostConfig.newHostConfig()
            .withNetworkMode("container:" + sandbox.id())
            .withIpcMode("container:" + sandbox.id())
            .withBinds(binds(pod, spec));
        if (limits.memoryBytes() != null) {
            host.withMemory(limits.memoryBytes()).withMemorySwap(limits.memoryBytes());
        }
        if (limits.cpuQuotaMicros() != null) {
            host.withCpuQuota(limits.cpuQuotaMicros()).withCpuPeriod(limits.cpuPeriodMicros());
        }
        if (limits.cpuShares() != null) {
            host.withCpuShares(limits.cpuShares());
        }
        Map<String, String> labels = Labels.of(node, pod, spec.name(), restartCount);
        cmd.withName(containerName(pod, spec.name(), restartCount))
            .withLabels(labels)
            .withEnv(env)
            .withHostConfig(host);
        if (spec.command() != null && !spec.command().isEmpty()) {
            cmd.withEntrypoint(ContainerConfigs.expandAll(spec.command(), vars));
            cmd.withCmd(spec.args() == null ? List.of() : ContainerConfigs.expandAll(spec.args(), vars));
        } else if (spec.args() != null && !spec.args().isEmpty()) {
            cmd.withCmd(ContainerConfigs.expandAll(spec.args(), vars));
        }
        if (spec.workingDir() != null && !spec.workingDir().isEmpty()) {
            cmd.withWorkingDir(spec.workingDir());
        }
        return cmd;
    }

    /** emptyDir volumes as Docker volumes named after the pod (shared by its containers), hostPath as binds. */
    private List<Bind> binds(Pod pod, Container spec) {
        List<Bind> binds = new ArrayList<>();
        Map<String, io.j8s.common.api.core.Volume> volumes = new HashMap<>();
        for (var volume : pod.spec().volumes() == null ? List.<io.j8s.common.api.core.Volume>of() : pod.spec().volumes()) {
            volumes.put(volume.name(), volume);
        }
        for (VolumeMount mount : spec.volumeMounts() == null ? List.<VolumeMount>of() : spec.volumeMounts()) {
            var volume = volumes.get(mount.name());
            if (volume == null) {
                continue;
            }
            boolean readOnly = Boolean.TRUE.equals(mount.readOnly());
            String source;
            if (volume.emptyDir() != null) {
                source = volumeName(pod, volume.name());
                docker.ensureVolume(source, Labels.ofVolume(node, pod));
            } else if (volume.hostPath() != null && volume.hostPath().path() != null) {
                source = volume.hostPath().path();
            } else {
                events.warning(pod, "FailedMount", "volume %s: only emptyDir and hostPath volumes are supported",
                    volume.name());
                continue;
            }
            binds.add(new Bind(source, new Volume(mount.mountPath()),
                readOnly ? com.github.dockerjava.api.model.AccessMode.ro : com.github.dockerjava.api.model.AccessMode.rw));
        }
        return binds;
    }

    private static String volumeName(Pod pod, String volume) {
        return "j8s_" + pod.metadata().uid() + "_" + volume;
    }

    private static String containerName(Pod pod, String container, int attempt) {
        String uid = pod.metadata().uid();
        return "j8s_" + container + "_" + pod.metadata().name() + "_" + pod.metadata().namespace() + "_"
            + uid.substring(0, Math.min(8, uid.length())) + "_" + attempt;
    }

    // ---- statuses

    private ContainerStatus runningStatus(Container spec, ContainerInfo current, ContainerInfo previous) {
        ContainerState state = ContainerState.running(format(current.startedAt()));
        boolean started = probes.started(current.id());
        ContainerStatus status = status(spec, current, state, previous == null ? null : terminated(previous),
            probes.ready(current.id()));
        return status.withStarted(started);
    }

    private static ContainerStatus status(Container spec, ContainerInfo instance, ContainerState state,
            ContainerState lastState, boolean ready) {
        return new ContainerStatus(spec.name(), state, lastState == null ? new ContainerState(null, null, null, null)
            : lastState, ready, instance.restartCount(), spec.image(), "docker://" + instance.imageId(),
            "docker://" + instance.id(), state.running() != null, null);
    }

    private static ContainerStatus waiting(Container spec, String reason, String message, int restartCount,
            ContainerState lastState) {
        return new ContainerStatus(spec.name(), ContainerState.waiting(reason, message),
            lastState == null ? new ContainerState(null, null, null, null) : lastState, false, restartCount,
            spec.image(), "", null, false, null);
    }

    /** The kubelet's terminated state: OOMKilled, Completed (exit 0) or Error, with Docker's times. */
    private static ContainerState terminated(ContainerInfo container) {
        String reason;
        if (container.oomKilled()) {
            reason = "OOMKilled";
        } else if (container.error() != null && container.startedAt() == null) {
            reason = "StartError";
        } else {
            reason = container.exitCode() == 0 ? "Completed" : "Error";
        }
        return ContainerState.terminated(container.exitCode(), reason, container.error(),
            format(container.startedAt()), format(container.finishedAt()), "docker://" + container.id());
    }

    private static String format(Instant time) {
        return time == null ? null : Times.format(time);
    }

    // ---- termination and clean-up

    @Override
    public void terminate(Pod pod, Duration gracePeriod) {
        List<ContainerInfo> containers = docker.podContainers(pod.metadata().namespace(), pod.metadata().name());
        List<ContainerInfo> apps = containers.stream().filter(c -> !c.isSandbox() && c.running()).toList();
        for (ContainerInfo app : apps) {
            events.normal(pod, "Killing", "Stopping container %s", app.name());
        }
        stopAll(apps, gracePeriod.toSeconds());
        stopAll(containers.stream().filter(c -> c.isSandbox() && c.running()).toList(), 2);
        removeAll(pod.metadata().uid(), containers);
        log.info("pod {}/{}: containers stopped and removed", pod.metadata().namespace(), pod.metadata().name());
    }

    @Override
    public void removeLeftovers(String namespace, String name, String keepUid) {
        List<ContainerInfo> containers = docker.podContainers(namespace, name).stream()
            .filter(c -> keepUid == null || !keepUid.equals(c.podUid())).toList();
        if (containers.isEmpty()) {
            return;
        }
        stopAll(containers.stream().filter(ContainerInfo::running).toList(), 2);
        Set<String> uids = new HashSet<>();
        containers.forEach(c -> uids.add(c.podUid()));
        for (String uid : uids) {
            removeAll(uid, containers.stream().filter(c -> uid.equals(c.podUid())).toList());
        }
        log.info("pod {}/{} is gone: removed its {} containers", namespace, name, containers.size());
    }

    private void removeAll(String podUid, List<ContainerInfo> containers) {
        containers.forEach(this::removeContainer);
        docker.removeVolumes(podUid);
        probes.forgetPod(podUid);
        crashBackoff.forgetPrefix(podUid + "/");
        pullBackoff.forgetPrefix(podUid + "/");
    }

    private void removeContainer(ContainerInfo container) {
        docker.remove(container.id());
        sandboxIps.remove(container.id());
        if (container.isSandbox()) {
            HostPorts.parse(container.labels().get(Labels.HOST_PORTS)).values().forEach(ports::release);
        }
    }

    /** Stops containers in parallel, each with SIGTERM and SIGKILL after {@code graceSeconds}. */
    private void stopAll(List<ContainerInfo> containers, long graceSeconds) {
        CompletableFuture.allOf(containers.stream()
                .map(c -> CompletableFuture.runAsync(() -> docker.stop(c.id(), graceSeconds), stopper))
                .toArray(CompletableFuture[]::new))
            .join();
    }

    private static long gracePeriodOf(Pod pod) {
        Long grace = pod.spec().terminationGracePeriodSeconds();
        return grace == null ? DEFAULT_GRACE_SECONDS : Math.max(0, grace);
    }

    @Override
    public Set<String> podsOnNode() {
        Set<String> keys = new HashSet<>();
        for (var container : docker.allContainers()) {
            Map<String, String> labels = container.getLabels();
            if (labels != null && labels.containsKey(Labels.POD_NAMESPACE)) {
                keys.add(Labels.podKey(labels));
            }
        }
        return keys;
    }

    // ---- exec and logs

    private ProbeResult execProbe(String containerId, List<String> command, Duration timeout)
            throws InterruptedException {
        try {
            DockerEngine.ExecResult result = docker.exec(containerId, command, timeout);
            if (result.timedOut()) {
                return ProbeResult.failure("command " + Json.write(command) + " timed out");
            }
            return result.exitCode() == 0 ? ProbeResult.success()
                : ProbeResult.failure(result.output().isBlank() ? "command " + Json.write(command)
                    + " exited with " + result.exitCode() : result.output().strip());
        } catch (NotFoundException | com.github.dockerjava.api.exception.ConflictException e) {
            return ProbeResult.failure(e.getMessage());
        }
    }

    /**
     * The Docker container holding the log of a pod's container: the current instance, or with {@code previous}
     * the one before it; null when there is none.
     */
    public ContainerInfo logContainer(String namespace, String podName, String container, boolean previous) {
        List<ContainerInfo> instances = docker.podContainers(namespace, podName).stream()
            .filter(c -> container.equals(c.name())).toList();
        if (instances.isEmpty()) {
            return null;
        }
        String uid = instances.get(0).podUid();
        List<ContainerInfo> current = instances.stream().filter(c -> uid.equals(c.podUid())).toList();
        int index = previous ? 1 : 0;
        return current.size() > index ? current.get(index) : null;
    }

    public DockerEngine engine() {
        return docker;
    }

    @Override
    public void close() {
        closed = true;
        Closeable stream = eventStream;
        if (stream != null) {
            DockerEngine.closeQuietly(stream);
        }
        probes.close();
        stopper.shutdownNow();
    }
}
