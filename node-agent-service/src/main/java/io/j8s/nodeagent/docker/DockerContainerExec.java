package io.j8s.nodeagent.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.command.ExecStartCmd;
import com.github.dockerjava.api.command.InspectExecResponse;
import com.github.dockerjava.api.exception.DockerException;
import com.github.dockerjava.api.model.Frame;
import io.j8s.nodeagent.exec.ContainerExec;
import io.j8s.nodeagent.exec.ExecRequest;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * {@code kubectl exec} on Docker: {@code docker exec} in the pod's current container instance, its output streamed
 * as Docker frames arrive. With stdin, the exec is started on a hijacked connection of its own
 * ({@link HijackedExecStream}) whose write side is shut at stdin's EOF, which is how the command sees EOF; Docker does
 * not end that connection when such a command exits, so the exit is watched for with {@code docker exec inspect}.
 */
public final class DockerContainerExec implements ContainerExec {

    private static final long EXIT_POLL_MILLIS = 100;
    private static final long OUTPUT_GRACE_MILLIS = 100;

    private final DockerPodRuntime runtime;
    private final String socketPath;

    /** @param dockerHost Docker's address ({@code unix:///var/run/docker.sock}, {@code tcp://...}) */
    public DockerContainerExec(DockerPodRuntime runtime, URI dockerHost) {
        this.runtime = runtime;
        this.socketPath = "unix".equals(dockerHost.getScheme()) ? dockerHost.getPath() : null;
    }

    @Override
    public ExecProcess start(String namespace, String pod, String container, ExecRequest request,
            ExecOutput output) {
        ContainerInfo instance = runtime.logContainer(namespace, pod, container, false);
        if (instance == null || !instance.running()) {
            throw new Refused(400, "BadRequest", "container \"" + container + "\" in pod \"" + pod
                + "\" is not running on this node");
        }
        DockerClient docker = runtime.engine().client();
        String execId;
        try {
            execId = docker.execCreateCmd(instance.id()).withCmd(request.command().toArray(String[]::new))
                .withAttachStdin(request.stdin()).withAttachStdout(request.stdout())
                .withAttachStderr(request.stderr()).withTty(request.tty()).exec().getId();
        } catch (DockerException e) {
            throw new Refused(500, "InternalError", "error executing command in container: " + e.getMessage());
        }
        Stdin stdin = request.stdin() ? new Stdin() : null;
        AtomicBoolean ended = new AtomicBoolean();
        Closeable stream;
        if (stdin != null && socketPath != null) {
            try {
                stream = HijackedExecStream.start(socketPath, execId, request.tty(), stdin, output::stdout,
                    output::stderr, error -> finish(docker, execId, stdin, ended, output, error));
            } catch (IOException e) {
                throw new Refused(500, "InternalError", "error executing command in container: " + e.getMessage());
            }
        } else {
            stream = startWithDockerJava(docker, execId, request.tty(), stdin, ended, output);
        }
        if (stdin != null) {
            // With stdin attached, Docker keeps the hijacked stream open after the command exits: watch for the exit.
            Thread watcher = new Thread(() -> awaitExit(docker, execId, stream, stdin, ended, output),
                "exec-watch-" + execId.substring(0, Math.min(12, execId.length())));
            watcher.setDaemon(true);
            watcher.start();
        }
        return new ExecProcess() {
            @Override
            public void stdin(byte[] data) {
                if (stdin != null) {
                    stdin.write(data);
                }
            }

            @Override
            public void closeStdin() {
                if (stdin != null) {
                    stdin.close();
                }
            }

            @Override
            public void resize(int width, int height) {
                docker.resizeExecCmd(execId).withSize(height, width).exec();
            }

            @Override
            public void close() {
                ended.set(true);
                closeStdin();
                DockerEngine.closeQuietly(stream);
            }
        };
    }

    private static Closeable startWithDockerJava(DockerClient docker, String execId, boolean tty, Stdin stdin,
            AtomicBoolean ended, ExecOutput output) {
        ExecStartCmd start = docker.execStartCmd(execId).withDetach(false).withTty(tty);
        if (stdin != null) {
            start.withStdIn(stdin);
        }
        return start.exec(new ResultCallback.Adapter<Frame>() {
            @Override
            public void onNext(Frame frame) {
                switch (frame.getStreamType()) {
                    case STDOUT, RAW -> output.stdout(frame.getPayload());
                    case STDERR -> output.stderr(frame.getPayload());
                    default -> { }
                }
            }

            @Override
            public void onError(Throwable error) {
                finish(docker, execId, stdin, ended, output, error);
                super.onError(error);
            }

            @Override
            public void onComplete() {
                finish(docker, execId, stdin, ended, output, null);
                super.onComplete();
            }
        });
    }

    /** The output stream ended (with {@code error}, or null): report the exit code, once. */
    private static void finish(DockerClient docker, String execId, Stdin stdin, AtomicBoolean ended,
            ExecOutput output, Throwable error) {
        if (stdin != null) {
            stdin.close();
        }
        if (ended.get()) {
            return;
        }
        Integer code = error == null ? exitCode(docker, execId) : null;
        if (ended.compareAndSet(false, true)) {
            if (error != null) {
                output.failed(error.getMessage());
            } else if (code == null) {
                output.failed("the command's output ended but Docker reports it still running");
            } else {
                output.exited(code);
            }
        }
    }

    /** Polls until the command has exited, then (after its last output has had a moment to arrive) ends it. */
    private static void awaitExit(DockerClient docker, String execId, Closeable stream, Stdin stdin,
            AtomicBoolean ended, ExecOutput output) {
        try {
            while (!ended.get()) {
                Integer code = exited(docker, execId);
                if (code != null) {
                    Thread.sleep(OUTPUT_GRACE_MILLIS);
                    if (ended.compareAndSet(false, true)) {
                        stdin.close();
                        DockerEngine.closeQuietly(stream);
                        output.exited(code);
                    }
                    return;
                }
                Thread.sleep(EXIT_POLL_MILLIS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            if (ended.compareAndSet(false, true)) {
                DockerEngine.closeQuietly(stream);
                output.failed(e.getMessage());
            }
        }
    }

    /** The exit code once Docker has it: the output can end a moment before Docker marks the exec finished. */
    private static Integer exitCode(DockerClient docker, String execId) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (true) {
            Integer code = exited(docker, execId);
            if (code != null) {
                return code;
            }
            if (System.nanoTime() > deadline) {
                return null;
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return null;
            }
        }
    }

    /** The command's exit code if Docker says it has exited, else null. */
    private static Integer exited(DockerClient docker, String execId) {
        InspectExecResponse inspect = docker.inspectExecCmd(execId).exec();
        return !Boolean.TRUE.equals(inspect.isRunning()) && inspect.getExitCodeLong() != null
            ? Integer.valueOf(inspect.getExitCodeLong().intValue()) : null;
    }

    /**
     * The command's stdin: chunks from the WebSocket, read by docker-java's copying thread; {@link #close} is EOF.
     * (A PipedInputStream would fail once the writing thread, here any event loop, is gone.)
     */
    private static final class Stdin extends InputStream {
        private static final byte[] EOF = new byte[0];
        private final LinkedBlockingQueue<byte[]> chunks = new LinkedBlockingQueue<>();
        private byte[] current = new byte[0];
        private int position;
        private volatile boolean closed;

        void write(byte[] data) {
            if (!closed) {
                chunks.add(data);
            }
        }

        @Override
        public void close() {
            if (!closed) {
                closed = true;
                chunks.add(EOF);
            }
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            if (length == 0) {
                return 0;
            }
            while (position >= current.length) {
                if (current == EOF) {
                    return -1;
                }
                try {
                    current = chunks.take();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IOException("interrupted while waiting for stdin", e);
                }
                position = 0;
                if (current == EOF) {
                    return -1;
                }
            }
            int n = Math.min(length, current.length - position);
            System.arraycopy(current, position, buffer, offset, n);
            position += n;
            return n;
        }
    }
}
