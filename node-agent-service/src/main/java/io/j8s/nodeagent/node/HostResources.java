package io.j8s.nodeagent.node;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** What the machine has and has left, read from /proc and the file system, for Node capacity and pressure. */
public final class HostResources {

    /** Below these the kubelet's default hard eviction thresholds report pressure. */
    static final long MEMORY_AVAILABLE_THRESHOLD = 100L * 1024 * 1024;
    static final double DISK_FREE_THRESHOLD = 0.10;
    static final double PID_USED_THRESHOLD = 0.95;

    private HostResources() {
    }

    public static int cpus() {
        return Runtime.getRuntime().availableProcessors();
    }

    /** MemTotal in bytes, or 0 when /proc/meminfo cannot be read. */
    public static long memoryBytes() {
        return meminfo("MemTotal:");
    }

    public static boolean memoryPressure() {
        long available = meminfo("MemAvailable:");
        return available > 0 && available < MEMORY_AVAILABLE_THRESHOLD;
    }

    public static boolean diskPressure(Path path) {
        try {
            var store = Files.getFileStore(path);
            return store.getTotalSpace() > 0 && (double) store.getUsableSpace() / store.getTotalSpace() < DISK_FREE_THRESHOLD;
        } catch (IOException e) {
            return false;
        }
    }

    public static boolean pidPressure() {
        try {
            // readAllLines, not readString: /proc files report size 0, and readString can come back short
            long max = Long.parseLong(Files.readAllLines(Path.of("/proc/sys/kernel/pid_max")).get(0).strip());
            long used;
            try (var entries = Files.list(Path.of("/proc"))) {
                used = entries.filter(p -> p.getFileName().toString().chars().allMatch(Character::isDigit)).count();
            }
            return max > 0 && (double) used / max > PID_USED_THRESHOLD;
        } catch (IOException | NumberFormatException e) {
            return false;
        }
    }

    private static long meminfo(String field) {
        try {
            List<String> lines = Files.readAllLines(Path.of("/proc/meminfo"));
            for (String line : lines) {
                if (line.startsWith(field)) {
                    String[] parts = line.substring(field.length()).strip().split("\\s+");
                    return Long.parseLong(parts[0]) * 1024;
                }
            }
        } catch (IOException | NumberFormatException e) {
            // not Linux: unknown
        }
        return 0;
    }
}
