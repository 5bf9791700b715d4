package io.j8s.apiserver.audit;

import io.j8s.common.json.Json;
import jakarta.annotation.PreDestroy;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import tools.jackson.databind.node.ObjectNode;

/**
 * Appends audit events, one JSON line each, to the configured file on a thread of its own (a request never waits for
 * the disk). The file is opened for append and created if missing; each line is flushed as written, so a crash loses
 * at most the events still queued.
 */
@Component
public class AuditLog {

    private static final Logger log = LoggerFactory.getLogger(AuditLog.class);

    private final OutputStream out;
    private final ExecutorService writer;

    public AuditLog(AuditProperties properties) throws IOException {
        String path = properties.logPath();
        if (path == null) {
            out = null;
            writer = null;
            return;
        }
        if (path.equals("-")) {
            out = System.out;
        } else {
            Path file = Path.of(path).toAbsolutePath();
            Files.createDirectories(file.getParent());
            out = Files.newOutputStream(file, StandardOpenOption.CREATE, StandardOpenOption.APPEND,
                StandardOpenOption.WRITE);
            log.info("Audit log: {}", file);
        }
        writer = Executors.newSingleThreadExecutor(r -> {
            Thread thread = new Thread(r, "audit-log");
            thread.setDaemon(true);
            return thread;
        });
    }

    public boolean enabled() {
        return out != null;
    }

    void write(ObjectNode event) {
        if (out == null) {
            return;
        }
        byte[] line = (Json.write(event) + "\n").getBytes(StandardCharsets.UTF_8);
        writer.execute(() -> {
            try {
                out.write(line);
                out.flush();
            } catch (IOException e) {
                log.warn("Cannot write the audit log: {}", e.getMessage());
            }
        });
    }

    @PreDestroy
    void close() throws IOException, InterruptedException {
        if (writer != null) {
            writer.shutdown();
            writer.awaitTermination(5, TimeUnit.SECONDS);
        }
        if (out != null && out != System.out) {
            out.close();
        }
    }
}
