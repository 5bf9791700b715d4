package io.j8s.apiserver.security;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Bearer tokens from the token file. The file is read at startup (an unreadable or invalid file stops the server)
 * and again whenever it changes, so tokens can be added or revoked without a restart; a change that does not parse
 * is logged and the tokens in use are kept.
 */
public final class TokenAuthenticator implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(TokenAuthenticator.class);

    private final Path file;
    private final AtomicReference<Map<String, UserInfo>> tokens;
    private final ScheduledExecutorService reloader;
    private volatile FileTime loadedModified;

    public TokenAuthenticator(Path file, java.time.Duration reloadInterval) {
        this.file = file;
        this.loadedModified = modified(file);
        this.tokens = new AtomicReference<>(TokenFile.read(file));
        log.info("Loaded {} tokens from {}", tokens.get().size(), file);
        this.reloader = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "token-file-reload");
            thread.setDaemon(true);
            return thread;
        });
        long millis = Math.max(reloadInterval.toMillis(), 100);
        reloader.scheduleWithFixedDelay(this::reloadIfChanged, millis, millis, TimeUnit.MILLISECONDS);
    }

    /** The user a token belongs to, as kube-apiserver's token file authenticator: a map lookup. */
    public Optional<UserInfo> authenticate(String token) {
        if (token == null || token.isEmpty()) {
            return Optional.empty();
        }
        return Optional.ofNullable(tokens.get().get(token));
    }

    void reloadIfChanged() {
        FileTime now = modified(file);
        if (now == null || now.equals(loadedModified)) {
            return;
        }
        try {
            Map<String, UserInfo> reloaded = TokenFile.read(file);
            tokens.set(reloaded);
            loadedModified = now;
            log.info("Reloaded {} tokens from {}", reloaded.size(), file);
        } catch (RuntimeException e) {
            loadedModified = now;
            log.warn("Keeping the previous tokens: {}", e.getMessage());
        }
    }

    private static FileTime modified(Path file) {
        try {
            return Files.getLastModifiedTime(file);
        } catch (IOException e) {
            return null;
        }
    }

    @Override
    public void close() {
        reloader.shutdownNow();
    }
}
