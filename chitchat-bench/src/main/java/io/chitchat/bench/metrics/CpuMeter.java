package io.chitchat.bench.metrics;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * CPU time of processes: this JVM (the load client) through its MXBean, another process from
 * {@code /proc/<pid>/stat} (utime + stime, in clock ticks), the busy time of given cores from {@code /proc/stat}, and
 * the cores a process may run on (its affinity, as set by taskset).
 *
 * <p>Thread-safe (stateless).
 */
public final class CpuMeter {
    /** USER_HZ: 100 on every Linux the bench targets (sysconf(_SC_CLK_TCK) is not reachable from Java). */
    private static final long TICK_NANOS = 10_000_000L;

    private CpuMeter() {}

    /** CPU time of this JVM, all threads, in nanoseconds; -1 if unknown. */
    public static long selfNanos() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getProcessCpuTime();
        }
        return -1;
    }

    /** CPU time of process {@code pid} (user + system), in nanoseconds; -1 if unreadable. */
    public static long procNanos(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            // the command name (field 2) may contain spaces and parentheses: fields count from the last ')'
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            long utime = Long.parseLong(f[11]);
            long stime = Long.parseLong(f[12]);
            return (utime + stime) * TICK_NANOS;
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /** The number of cores process {@code pid} ("self" for this one) may run on, from its affinity list. */
    public static int allowedCores(String pid) {
        String list = allowedCpuList(pid);
        return list == null ? Runtime.getRuntime().availableProcessors() : countCpuList(list);
    }

    /** The affinity list of process {@code pid} ("self" for this one), e.g. {@code 0-1}; null if unknown. */
    public static String allowedCpuList(String pid) {
        try {
            List<String> lines = Files.readAllLines(Path.of("/proc/" + pid + "/status"));
            for (String line : lines) {
                if (line.startsWith("Cpus_allowed_list:")) {
                    return line.substring(line.indexOf(':') + 1).trim();
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux: unknown
        }
        return null;
    }

    /**
     * The time the CPUs of a list have been busy since boot (every state of {@code /proc/stat} but idle and iowait:
     * user, system, irq, softirq, steal, whoever ran), in nanoseconds; -1 if unreadable.
     */
    public static long busyNanos(String list) {
        try {
            Set<String> wanted = new HashSet<>();
            for (int cpu : cpuList(list)) {
                wanted.add("cpu" + cpu);
            }
            long ticks = 0;
            for (String line : Files.readAllLines(Path.of("/proc/stat"))) {
                String[] f = line.split("\\s+");
                if (wanted.contains(f[0])) {
                    for (int i = 1; i < f.length && i <= 8; i++) {
                        if (i != 4 && i != 5) { // idle, iowait
                            ticks += Long.parseLong(f[i]);
                        }
                    }
                }
            }
            return ticks * TICK_NANOS;
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /** The number of CPUs in a list such as {@code 0}, {@code 0-3} or {@code 0,2-3}. */
    public static int countCpuList(String list) {
        return cpuList(list).length;
    }

    /** The CPUs of a list such as {@code 0}, {@code 0-3} or {@code 0,2-3}. */
    public static int[] cpuList(String list) {
        List<Integer> cpus = new ArrayList<>();
        for (String part : list.split(",")) {
            String p = part.trim();
            if (p.isEmpty()) {
                continue;
            }
            int dash = p.indexOf('-');
            int first = Integer.parseInt(dash < 0 ? p : p.substring(0, dash));
            int last = dash < 0 ? first : Integer.parseInt(p.substring(dash + 1));
            for (int c = first; c <= last; c++) {
                cpus.add(c);
            }
        }
        return cpus.stream().mapToInt(Integer::intValue).toArray();
    }
}
