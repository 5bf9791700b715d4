package io.j8s.nodeagent.exec;

import java.util.List;

/**
 * What {@code kubectl exec} asked for, as the API server passes it on: the command (argv, not run through a shell)
 * and which streams to attach. With a TTY there is no separate stderr (the kubelet drops it the same way).
 */
public record ExecRequest(List<String> command, boolean stdin, boolean stdout, boolean stderr, boolean tty) {

    public ExecRequest {
        command = List.copyOf(command);
        stderr = stderr && !tty;
    }
}
