package com.communitypulse.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordingFile;

/**
 * Where the time went, from a JFR recording's {@code jdk.ExecutionSample} events: the hottest
 * methods (top of stack) and, inclusively, the libraries on the stack (the share of samples in
 * which a library's code was running or waiting on something it called, class loading included).
 */
final class JfrSummary {
    private JfrSummary() {
    }

    static String summarize(Path recording, int top, String threadFilter) throws IOException {
        Map<String, Integer> self = new HashMap<>();
        Map<String, Integer> inclusive = new HashMap<>();
        int samples = 0;
        for (RecordedEvent event : RecordingFile.readAllEvents(recording)) {
            if (!event.getEventType().getName().equals("jdk.ExecutionSample")) {
                continue;
            }
            if (threadFilter != null) {
                var thread = event.getThread("sampledThread");
                if (thread == null || thread.getJavaName() == null || !thread.getJavaName().contains(threadFilter)) {
                    continue;
                }
            }
            RecordedStackTrace stack = event.getStackTrace();
            if (stack == null || stack.getFrames().isEmpty()) {
                continue;
            }
            samples++;
            List<RecordedFrame> frames = stack.getFrames();
            self.merge(method(frames.get(0)), 1, Integer::sum);
            Set<String> libraries = new HashSet<>();
            for (RecordedFrame frame : frames) {
                libraries.add(library(frame));
                String name = frame.getMethod() == null ? "" : frame.getMethod().getName();
                if (name.equals("loadClass") || name.startsWith("defineClass")) {
                    libraries.add("[class loading: loadClass/defineClass on the stack]");
                } else if (name.equals("<clinit>")) {
                    libraries.add("[static initialisers: <clinit> on the stack]");
                }
            }
            libraries.forEach(l -> inclusive.merge(l, 1, Integer::sum));
        }
        if (samples == 0) {
            return "(no execution samples recorded)\n";
        }
        StringBuilder out = new StringBuilder();
        int total = samples;
        out.append(samples).append(" execution samples").append(threadFilter == null ? "" : " on threads named *" + threadFilter + "*")
                .append(". Libraries on the stack (inclusive share of samples):\n\n");
        out.append("| library | samples |\n|---|---:|\n");
        inclusive.entrySet().stream().sorted((a, b) -> b.getValue() - a.getValue()).limit(top)
                .forEach(e -> out.append("| `").append(e.getKey()).append("` | ")
                        .append(String.format("%.0f%%", 100.0 * e.getValue() / total)).append(" |\n"));
        out.append("\nHottest methods (top of stack, self):\n\n| method | samples |\n|---|---:|\n");
        self.entrySet().stream().sorted((a, b) -> b.getValue() - a.getValue()).limit(top)
                .forEach(e -> out.append("| `").append(e.getKey()).append("` | ")
                        .append(String.format("%.0f%%", 100.0 * e.getValue() / total)).append(" |\n"));
        return out.toString();
    }

    private static String method(RecordedFrame frame) {
        if (frame.getMethod() == null) {
            return "?";
        }
        return frame.getMethod().getType().getName() + "." + frame.getMethod().getName();
    }

    /** A class's library: its package cut to three names ({@code software.amazon.awssdk}, {@code java.util.zip}). */
    private static String library(RecordedFrame frame) {
        if (frame.getMethod() == null) {
            return "?";
        }
        String type = frame.getMethod().getType().getName();
        String[] parts = type.split("\\.");
        int depth = Math.min(parts.length - 1, 3);
        return depth <= 0 ? type : String.join(".", java.util.Arrays.copyOf(parts, depth));
    }
}
