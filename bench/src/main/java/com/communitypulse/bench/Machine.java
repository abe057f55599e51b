package com.communitypulse.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** What the figures were measured on: cores, memory, CPU model, JDK, OS. */
record Machine(int cores, String memory, String cpuModel, String jdk, String os) {

    static Machine describe() {
        return new Machine(Runtime.getRuntime().availableProcessors(), readMemory(), readCpuModel(),
                System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version")
                        + " (" + System.getProperty("java.vendor") + ")",
                System.getProperty("os.name") + " " + System.getProperty("os.version") + " " + System.getProperty("os.arch"));
    }

    String markdown() {
        return "| | |\n|---|---|\n"
                + "| `nproc` | " + cores + " |\n"
                + "| memory | " + memory + " |\n"
                + "| CPU | " + cpuModel + " |\n"
                + "| JDK | " + jdk + " |\n"
                + "| OS | " + os + " |\n";
    }

    /** The 1, 5 and 15-minute load averages ({@code /proc/loadavg}): how busy the machine was besides the bench. */
    static String loadAverage() {
        List<String> lines = lines("/proc/loadavg");
        if (lines.isEmpty()) {
            return "unknown";
        }
        String[] parts = lines.get(0).split("\\s+");
        return parts.length >= 3 ? parts[0] + " / " + parts[1] + " / " + parts[2] : lines.get(0);
    }

    private static String readMemory() {
        for (String line : lines("/proc/meminfo")) {
            if (line.startsWith("MemTotal:")) {
                long kb = Long.parseLong(line.replaceAll("\\D+", ""));
                return String.format("%.1f GiB", kb / 1024.0 / 1024.0);
            }
        }
        return Runtime.getRuntime().maxMemory() / (1024 * 1024) + " MiB max heap (no /proc/meminfo)";
    }

    private static String readCpuModel() {
        for (String line : lines("/proc/cpuinfo")) {
            if (line.startsWith("model name")) {
                return line.substring(line.indexOf(':') + 1).trim();
            }
        }
        return System.getProperty("os.arch");
    }

    private static List<String> lines(String file) {
        try {
            return Files.readAllLines(Path.of(file));
        } catch (IOException | RuntimeException e) {
            return List.of();
        }
    }
}
