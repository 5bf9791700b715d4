package io.j8s.nodeagent.probe;

import io.j8s.common.api.IntOrString;
import io.j8s.common.api.core.Container;
import io.j8s.common.api.core.ContainerPort;
import io.j8s.common.api.core.Probe;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Runs one probe once, as the kubelet's prober does: httpGet passes on a 2xx or 3xx answer, tcpSocket when a
 * connection opens, exec when the command exits 0; each within {@code timeoutSeconds}.
 */
public final class Prober {

    /** Runs a command in a container: the runtime's exec. */
    @FunctionalInterface
    public interface Exec {
        ProbeResult run(String containerId, List<String> command, Duration timeout) throws InterruptedException;
    }

    private final HttpClient http = HttpClient.newBuilder()
        .followRedirects(HttpClient.Redirect.NORMAL)
        .connectTimeout(Duration.ofSeconds(5))
        .build();
    private final Exec exec;

    public Prober(Exec exec) {
        this.exec = exec;
    }

    public ProbeResult probe(Probe probe, Container container, String containerId, ProbeTarget target)
            throws InterruptedException {
        Duration timeout = Duration.ofSeconds(Math.max(1, value(probe.timeoutSeconds(), 1)));
        if (probe.exec() != null) {
            List<String> command = probe.exec().command() == null ? List.of() : probe.exec().command();
            return exec.run(containerId, command, timeout);
        }
        if (probe.httpGet() != null) {
            return httpGet(probe.httpGet(), container, target, timeout);
        }
        if (probe.tcpSocket() != null) {
            return tcpSocket(probe.tcpSocket(), container, target, timeout);
        }
        return ProbeResult.failure("probe has no handler: httpGet, tcpSocket or exec");
    }

    private ProbeResult httpGet(Probe.HttpGetAction action, Container container, ProbeTarget target, Duration timeout)
            throws InterruptedException {
        Optional<Integer> port = resolvePort(action.port(), container);
        if (port.isEmpty()) {
            return ProbeResult.failure("unknown port " + action.port() + " of container " + container.name());
        }
        String scheme = action.scheme() == null ? "http" : action.scheme().toLowerCase();
        String host = action.host() == null || action.host().isEmpty() ? target.host() : action.host();
        String path = action.path() == null || action.path().isEmpty() ? "/" : action.path();
        if (!path.startsWith("/")) {
            path = "/" + path;
        }
        URI uri = URI.create(scheme + "://" + host + ":" + target.portFor(port.get()) + path);
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(timeout).GET()
            .header("User-Agent", "kube-probe/1.32").header("Accept", "*/*");
        for (Probe.HttpHeader header : action.httpHeaders() == null ? List.<Probe.HttpHeader>of() : action.httpHeaders()) {
            try {
                request.setHeader(header.name(), header.value());
            } catch (IllegalArgumentException restricted) {
                // Host and the like: Java's client sets them itself
            }
        }
        try {
            HttpResponse<Void> response = http.send(request.build(), HttpResponse.BodyHandlers.discarding());
            int code = response.statusCode();
            return code >= 200 && code < 400 ? ProbeResult.success()
                : ProbeResult.failure("HTTP probe failed with statuscode: " + code);
        } catch (IOException e) {
            return ProbeResult.failure("Get \"" + uri + "\": " + describe(e));
        }
    }

    private static ProbeResult tcpSocket(Probe.TcpSocketAction action, Container container, ProbeTarget target,
            Duration timeout) {
        Optional<Integer> port = resolvePort(action.port(), container);
        if (port.isEmpty()) {
            return ProbeResult.failure("unknown port " + action.port() + " of container " + container.name());
        }
        String host = action.host() == null || action.host().isEmpty() ? target.host() : action.host();
        int actual = target.portFor(port.get());
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, actual), (int) timeout.toMillis());
            return ProbeResult.success();
        } catch (IOException e) {
            return ProbeResult.failure("dial tcp " + host + ":" + actual + ": " + describe(e));
        }
    }

    /** A probe's port: a number, or the name of one of the container's ports. */
    public static Optional<Integer> resolvePort(IntOrString port, Container container) {
        if (port == null) {
            return Optional.empty();
        }
        if (port.isInt()) {
            return Optional.of(port.intValue());
        }
        for (ContainerPort declared : container.ports() == null ? List.<ContainerPort>of() : container.ports()) {
            if (port.strValue().equals(declared.name())) {
                return Optional.ofNullable(declared.containerPort());
            }
        }
        try {
            return Optional.of(Integer.parseInt(port.strValue()));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static String describe(IOException e) {
        String message = e.getMessage();
        return message == null || message.isEmpty() ? e.getClass().getSimpleName() : message;
    }

    static int value(Integer value, int defaultValue) {
        return value == null || value <= 0 ? defaultValue : value;
    }
}
