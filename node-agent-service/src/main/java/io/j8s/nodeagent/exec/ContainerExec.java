package io.j8s.nodeagent.exec;

/** Runs a command in a pod's running container: the runtime's part of {@code kubectl exec}. */
public interface ContainerExec {

    /**
     * Starts {@code request} in the container; what it prints and how it ends go to {@code output}, from the
     * runtime's threads. Blocks while the runtime sets it up: call it off the event loop.
     *
     * @throws Refused when the command cannot run (no such running container, a simulated node, ...)
     */
    ExecProcess start(String namespace, String pod, String container, ExecRequest request, ExecOutput output);

    /** Where a running command's output and end go. */
    interface ExecOutput {
        void stdout(byte[] data);

        void stderr(byte[] data);

        /** The command ended with this exit code; nothing follows. */
        void exited(int exitCode);

        /** The command's streams broke before it ended; nothing follows. */
        void failed(String message);
    }

    /** A started command. */
    interface ExecProcess {
        void stdin(byte[] data);

        /** The caller's stdin reached EOF: the command sees EOF too. */
        void closeStdin();

        /** The caller's terminal changed size (TTY only). Blocks briefly. */
        void resize(int width, int height);

        /** The caller went away: stop streaming. */
        void close();
    }

    /** Why a command could not start: a Kubernetes Status code, reason and message for the caller. */
    final class Refused extends RuntimeException {
        private final int code;
        private final String reason;

        public Refused(int code, String reason, String message) {
            super(message);
            this.code = code;
            this.reason = reason;
        }

        public int code() {
            return code;
        }

        public String reason() {
            return reason;
        }
    }
}
