package io.j8s.nodeagent.probe;

import io.j8s.common.api.core.Container;
import io.j8s.common.api.core.Pod;
import io.j8s.common.api.core.Probe;
import io.j8s.common.events.EventRecorder;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the liveness, readiness and startup probes of every running container (the kubelet's prober manager): one
 * periodic worker per container instance and probe, started when the container is, stopped when it is replaced
 * or its pod goes. Results are read by the pod sync; a result that changes wakes the pod up through
 * {@code onChange}. Liveness and readiness probes wait for the startup probe to pass.
 */
public final class ProbeManager implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ProbeManager.class);

    private final Prober prober;
    private final EventRecorder events;
    private final Consumer<String> onChange;
    private final ScheduledExecutorService scheduler;
    private final Map<WorkerKey, Worker> workers = new ConcurrentHashMap<>();

    private record WorkerKey(String containerId, ProbeKind kind) {
    }

    private final class Worker implements Runnable {
        final WorkerKey key;
        final String podUid;
        final Pod pod;
        final Container container;
        final Probe probe;
        final ProbeTarget target;
        final ProbeState state;
        ScheduledFuture<?> future;

        Worker(WorkerKey key, Pod pod, Container container, Probe probe, ProbeTarget target) {
            this.key = key;
            this.podUid = pod.metadata().uid();
            this.pod = pod;
            this.container = container;
            this.probe = probe;
            this.target = target;
            this.state = new ProbeState(key.kind(), probe.successThreshold(), probe.failureThreshold());
        }

        @Override
        public void run() {
            if (state.finished()) {
                return;
            }
            if (key.kind() != ProbeKind.STARTUP && !started(key.containerId())) {
                return;
            }
            ProbeResult run;
            try {
                run = prober.probe(probe, container, key.containerId(), target);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                run = ProbeResult.failure(e.getMessage() == null ? e.toString() : e.getMessage());
            }
            if (!run.passed()) {
                events.warning(pod, "Unhealthy", "%s probe failed: %s", key.kind().label(), run.message());
            }
            if (state.record(run)) {
                log.info("{} probe of {}/{} container {}: {}", key.kind().label(), pod.metadata().namespace(),
                    pod.metadata().name(), container.name(), state.result() ? "passing" : "failing");
                onChange.accept(pod.metadata().namespace() + "/" + pod.metadata().name());
            }
        }
    }

    public ProbeManager(Prober prober, EventRecorder events, Consumer<String> onChange, int threads) {
        this.prober = prober;
        this.events = events;
        this.onChange = onChange;
        this.scheduler = Executors.newScheduledThreadPool(threads, runnable -> {
            Thread thread = new Thread(runnable, "prober");
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Starts the probes of a running container instance unless they run already. */
    public void ensure(Pod pod, Container container, String containerId, ProbeTarget target) {
        start(pod, container, containerId, target, ProbeKind.STARTUP, container.startupProbe());
        start(pod, container, containerId, target, ProbeKind.LIVENESS, container.livenessProbe());
        start(pod, container, containerId, target, ProbeKind.READINESS, container.readinessProbe());
    }

    private void start(Pod pod, Container container, String containerId, ProbeTarget target, ProbeKind kind,
            Probe probe) {
        if (probe == null) {
            return;
        }
        WorkerKey key = new WorkerKey(containerId, kind);
        workers.computeIfAbsent(key, k -> {
            Worker worker = new Worker(k, pod, container, probe, target);
            long period = Prober.value(probe.periodSeconds(), 10) * 1000L;
            long delay = Math.max(0, probe.initialDelaySeconds() == null ? 0 : probe.initialDelaySeconds()) * 1000L;
            worker.future = scheduler.scheduleWithFixedDelay(worker, delay, period, TimeUnit.MILLISECONDS);
            return worker;
        });
    }

    /** Whether the container passed its startup probe (true without one). */
    public boolean started(String containerId) {
        Worker startup = workers.get(new WorkerKey(containerId, ProbeKind.STARTUP));
        return startup == null || startup.state.result();
    }

    /** Whether the container is ready: started and passing its readiness probe (true without one). */
    public boolean ready(String containerId) {
        Worker readiness = workers.get(new WorkerKey(containerId, ProbeKind.READINESS));
        return started(containerId) && (readiness == null || readiness.state.result());
    }

    /** The probe (liveness or startup) whose failure means the container must be restarted, if one failed. */
    public ProbeKind failedProbe(String containerId) {
        for (ProbeKind kind : new ProbeKind[] {ProbeKind.STARTUP, ProbeKind.LIVENESS}) {
            Worker worker = workers.get(new WorkerKey(containerId, kind));
            if (worker != null && worker.state.failed()) {
                return kind;
            }
        }
        return null;
    }

    /** Stops the probes of pod {@code podUid}'s containers other than {@code keep}. */
    public void retain(String podUid, Set<String> keep) {
        workers.values().removeIf(worker -> {
            boolean drop = worker.podUid.equals(podUid) && !keep.contains(worker.key.containerId());
            if (drop) {
                worker.future.cancel(false);
            }
            return drop;
        });
    }

    public void forgetPod(String podUid) {
        retain(podUid, Set.of());
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
    }
}
