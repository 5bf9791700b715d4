package io.j8s.common.remotecommand;

import io.j8s.common.json.Json;
import java.nio.charset.StandardCharsets;
import java.util.List;
import tools.jackson.databind.node.ObjectNode;

/**
 * The wire of {@code kubectl exec} over WebSocket (Kubernetes' "channel" subprotocols, client-go
 * {@code tools/remotecommand/websocket.go}, apimachinery {@code wsstream/conn.go}): every binary message starts with
 * a channel byte, stdin 0, stdout 1, stderr 2, error 3 (one {@code metav1.Status} JSON at the end), resize 4
 * ({@code {"Width":..,"Height":..}}); {@code v5.channel.k8s.io} adds {@code [255, channel]}, which closes one stream
 * (the client's way to say stdin reached EOF). v4 is the same without that close signal. Both the API server (which
 * relays) and the node agent (which runs the command) speak it.
 */
public final class RemoteCommand {

    public static final String V5 = "v5.channel.k8s.io";
    public static final String V4 = "v4.channel.k8s.io";
    /** In the server's order of preference. */
    public static final List<String> PROTOCOLS = List.of(V5, V4);

    public static final byte STDIN = 0;
    public static final byte STDOUT = 1;
    public static final byte STDERR = 2;
    public static final byte ERROR = 3;
    public static final byte RESIZE = 4;
    public static final byte CLOSE = (byte) 255;

    /** Larger than kubectl's and Docker's chunks, so no message is refused for its size on either hop. */
    public static final int MAX_MESSAGE_BYTES = 1 << 20;

    /** The kubelet's query parameter names ({@code /exec/{ns}/{pod}/{container}?command=..&input=1..}). */
    public static final String COMMAND = "command";
    public static final String STDIN_PARAM = "input";
    public static final String STDOUT_PARAM = "output";
    public static final String STDERR_PARAM = "error";
    public static final String TTY_PARAM = "tty";

    private RemoteCommand() {
    }

    /** The first protocol of {@code offered} (the {@code Sec-WebSocket-Protocol} values) this side speaks, or null. */
    public static String negotiate(List<String> offered) {
        for (String protocol : offered) {
            for (String one : protocol.split(",")) {
                if (PROTOCOLS.contains(one.strip())) {
                    return one.strip();
                }
            }
        }
        return null;
    }

    /** {@code data} on {@code channel}: one binary message. */
    public static byte[] frame(byte channel, byte[] data) {
        byte[] frame = new byte[data.length + 1];
        frame[0] = channel;
        System.arraycopy(data, 0, frame, 1, data.length);
        return frame;
    }

    /** The error-channel message of a command that exited 0. */
    public static byte[] success() {
        ObjectNode status = Json.mapper().createObjectNode();
        status.putObject("metadata");
        status.put("status", "Success");
        return frame(ERROR, Json.write(status).getBytes(StandardCharsets.UTF_8));
    }

    /**
     * The error-channel message of a command that exited {@code code} != 0, as the kubelet writes it: kubectl exits
     * with the code of the {@code ExitCode} cause.
     */
    public static byte[] exitCode(int code, List<String> command) {
        ObjectNode status = failure("command terminated with non-zero exit code: error executing command " + command
            + ", exit code " + code, "NonZeroExitCode", 0);
        status.putObject("details").putArray("causes").addObject().put("reason", "ExitCode")
            .put("message", Integer.toString(code));
        return frame(ERROR, Json.write(status).getBytes(StandardCharsets.UTF_8));
    }

    /** The error-channel message of an exec that could not run; kubectl prints {@code message}. */
    public static byte[] error(int code, String reason, String message) {
        return frame(ERROR, Json.write(failure(message, reason, code)).getBytes(StandardCharsets.UTF_8));
    }

    private static ObjectNode failure(String message, String reason, int code) {
        ObjectNode status = Json.mapper().createObjectNode();
        status.put("kind", "Status");
        status.put("apiVersion", "v1");
        status.putObject("metadata");
        status.put("status", "Failure");
        status.put("message", message);
        status.put("reason", reason);
        if (code > 0) {
            status.put("code", code);
        }
        return status;
    }
}
