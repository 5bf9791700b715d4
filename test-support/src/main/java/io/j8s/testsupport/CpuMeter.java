package io.j8s.testsupport;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * CPU time the processes of a benchmark use, from {@code /proc/<pid>/stat}: on a machine shared with other work,
 * throughput varies with the load, while the CPU spent per unit of work says what each part costs.
 */
public record CpuMeter(Map<String, Long> pids) {

    private static final double TICKS_PER_SECOND = 100.0; // USER_HZ, 100 on Linux

    public CpuMeter {
        pids = new LinkedHashMap<>(pids);
    }

    public CpuMeter with(String name, long pid) {
        Map<String, Long> more = new LinkedHashMap<>(pids);
        more.put(name, pid);
        return new CpuMeter(more);
    }

    /** Each process's CPU seconds so far (user plus system), in the order the processes were named. */
    public Map<String, Double> seconds() {
        Map<String, Double> result = new LinkedHashMap<>();
        pids.forEach((name, pid) -> result.put(name, cpuSeconds(pid)));
        return result;
    }

    /** {@code name 1.23, name 0.45}: milliseconds of CPU each process spent per unit between the two readings. */
    public static String perUnit(Map<String, Double> before, Map<String, Double> after, int units) {
        StringBuilder text = new StringBuilder();
        after.forEach((name, seconds) -> {
            double ms = (seconds - before.getOrDefault(name, 0.0)) * 1000 / units;
            text.append(text.isEmpty() ? "" : ", ").append(name).append(String.format(" %.2f", ms));
        });
        return text.toString();
    }

    /** The pid of the oldest process named exactly {@code name} ({@code pgrep -o -x}), or empty. */
    public static java.util.OptionalLong pidOf(String name) {
        return ProcessHandle.allProcesses()
            .filter(p -> p.info().command().map(c -> Path.of(c).getFileName().toString().equals(name)).orElse(false))
            .mapToLong(ProcessHandle::pid).min();
    }

    /** The system's one-minute load average, as {@code /proc/loadavg} says it. */
    public static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
        } catch (IOException e) {
            return "?";
        }
    }

    private static double cpuSeconds(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            // Fields after the command (which may hold spaces) start after the last ')'.
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / TICKS_PER_SECOND;
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }
}
