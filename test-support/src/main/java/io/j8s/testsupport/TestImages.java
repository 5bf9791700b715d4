package io.j8s.testsupport;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * Container images for tests that run real containers. No registry is reachable, so images are built locally:
 * {@link #busybox()} runs the repository's {@code scripts/busybox-image.sh} (the one {@code ./j8s up} uses), which
 * imports busybox-static as {@code j8s.local/busybox:1.36} when Docker does not have it yet.
 */
public final class TestImages {

    public static final String BUSYBOX = "j8s.local/busybox:1.36";

    private static boolean busyboxReady;

    private TestImages() {
    }

    /** The local busybox image, built first if missing; its explicit tag means pods never try to pull it. */
    public static synchronized String busybox() {
        if (!busyboxReady) {
            run(script("busybox-image.sh").toString(), BUSYBOX);
            busyboxReady = true;
        }
        return BUSYBOX;
    }

    private static Path script(String name) {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null) {
            Path candidate = dir.resolve("scripts").resolve(name);
            if (Files.isRegularFile(candidate)) {
                return candidate;
            }
            dir = dir.getParent();
        }
        throw new IllegalStateException("cannot find scripts/" + name + " above " + Path.of("").toAbsolutePath());
    }

    private static void run(String... command) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(120, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " failed: " + output);
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot run " + String.join(" ", command), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
