package io.j8s.nodeagent.docker;

import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/**
 * {@code POST /exec/{id}/start} with the connection hijacked, over Docker's Unix socket, for execs with stdin: the
 * stdin EOF must become a half-close of the connection, which is the only way Docker passes EOF on to the command.
 * docker-java's hijacking transport does that half-close only some of the time (a race in its connection handling:
 * {@code cat} then never ends), so this writes the few lines of HTTP itself and owns the socket.
 */
final class HijackedExecStream implements Closeable {

    private final SocketChannel channel;

    private HijackedExecStream(SocketChannel channel) {
        this.channel = channel;
    }

    /**
     * Starts exec {@code execId}; stdin is copied from {@code stdin} (then the write side is shut), output goes to
     * {@code stdout}/{@code stderr} as Docker multiplexes it (raw when {@code tty}) until Docker ends the stream, then
     * {@code onEnd} runs with null or the error.
     */
    static HijackedExecStream start(String socketPath, String execId, boolean tty, InputStream stdin,
            Consumer<byte[]> stdout, Consumer<byte[]> stderr, Consumer<Throwable> onEnd) throws IOException {
        SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX);
        try {
            channel.connect(UnixDomainSocketAddress.of(socketPath));
            byte[] body = ("{\"Detach\":false,\"Tty\":" + tty + "}").getBytes(StandardCharsets.UTF_8);
            String head = "POST /exec/" + execId + "/start HTTP/1.1\r\nHost: docker\r\n"
                + "Content-Type: application/json\r\nConnection: Upgrade\r\nUpgrade: tcp\r\n"
                + "Content-Length: " + body.length + "\r\n\r\n";
            write(channel, head.getBytes(StandardCharsets.US_ASCII));
            write(channel, body);
            ByteBuffer rest = readHead(channel);
            HijackedExecStream stream = new HijackedExecStream(channel);
            daemon("exec-stdin-" + shortId(execId), () -> stream.copyStdin(stdin));
            daemon("exec-output-" + shortId(execId), () -> stream.readOutput(rest, tty, stdout, stderr, onEnd));
            return stream;
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    @Override
    public void close() {
        try {
            channel.close();
        } catch (IOException ignored) {
            // closing anyway
        }
    }

    private void copyStdin(InputStream stdin) {
        byte[] buffer = new byte[32 * 1024];
        try {
            for (int n = stdin.read(buffer); n >= 0; n = stdin.read(buffer)) {
                write(channel, java.util.Arrays.copyOf(buffer, n));
            }
            channel.shutdownOutput();
        } catch (IOException e) {
            // the stream is gone: the output side reports it
        }
    }

    private void readOutput(ByteBuffer rest, boolean tty, Consumer<byte[]> stdout, Consumer<byte[]> stderr,
            Consumer<Throwable> onEnd) {
        ByteArrayOutputStream pending = new ByteArrayOutputStream();
        pending.writeBytes(java.util.Arrays.copyOfRange(rest.array(), rest.position(), rest.limit()));
        ByteBuffer buffer = ByteBuffer.allocate(32 * 1024);
        try {
            while (true) {
                byte[] data = pending.toByteArray();
                int used = tty ? deliverRaw(data, stdout) : deliverFrames(data, stdout, stderr);
                pending.reset();
                pending.write(data, used, data.length - used);
                buffer.clear();
                int n = channel.read(buffer);
                if (n < 0) {
                    onEnd.accept(null);
                    return;
                }
                pending.write(buffer.array(), 0, n);
            }
        } catch (IOException e) {
            onEnd.accept(e);
        }
    }

    private static int deliverRaw(byte[] data, Consumer<byte[]> stdout) {
        if (data.length > 0) {
            stdout.accept(data);
        }
        return data.length;
    }

    /** Docker's stream frames: [type, 0, 0, 0, size (4 bytes, big-endian)] then size bytes; 1 stdout, 2 stderr. */
    private static int deliverFrames(byte[] data, Consumer<byte[]> stdout, Consumer<byte[]> stderr) {
        int at = 0;
        while (data.length - at >= 8) {
            int size = ByteBuffer.wrap(data, at + 4, 4).getInt();
            if (data.length - at - 8 < size) {
                break;
            }
            byte[] payload = java.util.Arrays.copyOfRange(data, at + 8, at + 8 + size);
            if (data[at] == 2) {
                stderr.accept(payload);
            } else {
                stdout.accept(payload);
            }
            at += 8 + size;
        }
        return at;
    }

    /** Reads the response head; a 101 (or a 200 of older daemons) is the hijack. Returns what came after it. */
    private static ByteBuffer readHead(SocketChannel channel) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(16 * 1024);
        while (true) {
            if (channel.read(buffer) < 0) {
                throw new IOException("Docker closed the exec stream before answering");
            }
            String text = new String(buffer.array(), 0, buffer.position(), StandardCharsets.ISO_8859_1);
            int end = text.indexOf("\r\n\r\n");
            if (end >= 0) {
                String status = text.substring(0, text.indexOf("\r\n"));
                if (!status.contains(" 101 ") && !status.contains(" 200 ")) {
                    throw new IOException("Docker refused to start the exec: " + status.strip() + " "
                        + text.substring(end + 4).strip());
                }
                buffer.flip();
                buffer.position(end + 4);
                return buffer;
            }
            if (!buffer.hasRemaining()) {
                throw new IOException("Docker's answer to the exec start is too long");
            }
        }
    }

    private static void write(SocketChannel channel, byte[] bytes) throws IOException {
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        synchronized (channel) {
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
        }
    }

    private static void daemon(String name, Runnable task) {
        Thread thread = new Thread(task, name);
        thread.setDaemon(true);
        thread.start();
    }

    private static String shortId(String execId) {
        return execId.substring(0, Math.min(12, execId.length()));
    }
}
