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
        Map<String, Integer> running = new HashMap<>();
        Map<String, Integer> inclusive = new HashMap<>();
        Map<String, Map<String, Integer>> callers = new HashMap<>();
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
            String owner = null;
            String caller = null;
            Set<String> libraries = new HashSet<>();
            for (RecordedFrame frame : frames) {
                String library = frame.getMethod() == null ? "?" : library(frame.getMethod().getType().getName());
                if (!library.equals("JDK")) {
                    libraries.add(library);
                    if (owner == null) {
                        owner = library;
                    } else if (caller == null && !library.equals(owner)) {
                        caller = library;
                    }
                }
                String name = frame.getMethod() == null ? "" : frame.getMethod().getName();
                if (name.equals("loadClass") || name.startsWith("defineClass")) {
                    libraries.add("[class loading: loadClass/defineClass on the stack]");
                } else if (name.equals("<clinit>")) {
                    libraries.add("[static initialisers: <clinit> on the stack]");
                }
            }
            running.merge(owner == null ? "JDK only (" + jdkPackage(frames.get(0)) + ")" : owner, 1, Integer::sum);
            libraries.forEach(l -> inclusive.merge(l, 1, Integer::sum));
            if (owner != null) {
                callers.computeIfAbsent(owner, k -> new HashMap<>()).merge(caller == null ? "(nothing else)" : caller, 1, Integer::sum);
            }
        }
        if (samples == 0) {
            return "(no execution samples recorded)\n";
        }
        int total = samples;
        StringBuilder out = new StringBuilder();
        out.append(samples).append(" execution samples").append(threadFilter == null ? "" : " of threads named *" + threadFilter + "*")
                .append(". Which library was running (JDK code counted for the library that called it), and which"
                        + " libraries were anywhere on the stack:\n\n");
        out.append("| running | samples | | on the stack | samples |\n|---|---:|---|---|---:|\n");
        List<Map.Entry<String, Integer>> a = sorted(running, top);
        List<Map.Entry<String, Integer>> b = sorted(inclusive, top);
        for (int i = 0; i < Math.max(a.size(), b.size()); i++) {
            out.append("| ").append(i < a.size() ? a.get(i).getKey() + " | " + percent(a.get(i).getValue(), total) : " | ")
                    .append(" | | ").append(i < b.size() ? b.get(i).getKey() + " | " + percent(b.get(i).getValue(), total) : " | ")
                    .append(" |\n");
        }
        out.append("\nWho called the three busiest libraries (the next library down the stack):\n\n");
        for (Map.Entry<String, Integer> busy : a.stream().filter(e -> callers.containsKey(e.getKey())).limit(3).toList()) {
            out.append("- ").append(busy.getKey()).append(" (").append(percent(busy.getValue(), total)).append("): ");
            List<String> parts = new java.util.ArrayList<>();
            sorted(callers.get(busy.getKey()), 4).forEach(e -> parts.add(e.getKey() + " " + percent(e.getValue(), busy.getValue())));
            out.append(String.join(", ", parts)).append("\n");
        }
        out.append("\nHottest methods (top of stack):\n\n| method | samples |\n|---|---:|\n");
        sorted(self, Math.min(top, 8)).forEach(e -> out.append("| `").append(e.getKey()).append("` | ")
                .append(percent(e.getValue(), total)).append(" |\n"));
        return out.toString();
    }

    private static String jdkPackage(RecordedFrame frame) {
        if (frame.getMethod() == null) {
            return "?";
        }
        String[] parts = frame.getMethod().getType().getName().split("\\.");
        return String.join(".", java.util.Arrays.copyOf(parts, Math.min(3, Math.max(1, parts.length - 1))));
    }

    private static List<Map.Entry<String, Integer>> sorted(Map<String, Integer> counts, int top) {
        return counts.entrySet().stream().sorted((x, y) -> y.getValue() - x.getValue()).limit(top).toList();
    }

    private static String percent(int n, int total) {
        return String.format("%.0f%%", 100.0 * n / total);
    }

    private static String method(RecordedFrame frame) {
        if (frame.getMethod() == null) {
            return "?";
        }
        return frame.getMethod().getType().getName() + "." + frame.getMethod().getName();
    }

    /** A class's library, by the package prefixes of what the function jars, the local runner and the JDK hold. */
    static String library(String className) {
        for (String[] p : LIBRARIES) {
            if (className.startsWith(p[0])) {
                return p[1];
            }
        }
        String[] parts = className.split("\\.");
        return String.join(".", java.util.Arrays.copyOf(parts, Math.min(3, Math.max(1, parts.length - 1))));
    }

    private static final String[][] LIBRARIES = {
        {"software.amazon.awssdk.", "AWS SDK v2"},
        {"software.amazon.lambda.powertools.", "Powertools"},
        {"software.amazon.cloudwatchlogs.", "Powertools (EMF metrics)"},
        {"software.amazon.dynamodb.", "DynamoDB Local"},
        {"com.amazon.dynamodb.", "DynamoDB Local"},
        {"com.amazonaws.services.dynamodbv2.", "DynamoDB Local"},
        {"com.almworks.sqlite4java.", "DynamoDB Local (sqlite4java)"},
        {"org.eclipse.jetty.", "DynamoDB Local (Jetty)"},
        {"org.antlr.", "ANTLR (DynamoDB Local expressions, JMESPath)"},
        {"software.amazon.event.ruler.", "event-ruler (local bus)"},
        {"org.apache.logging.", "log4j"},
        {"org.slf4j.", "SLF4J"},
        {"com.fasterxml.jackson.", "Jackson"},
        {"com.amazonaws.services.lambda.", "aws-lambda-java-core/events"},
        {"com.communitypulse.local.", "Community Pulse local runner"},
        {"com.communitypulse.bench.", "the bench"},
        {"com.communitypulse.", "Community Pulse functions"},
        {"io.burt.jmespath.", "JMESPath (Powertools)"},
        {"org.joda.", "joda-time"},
        {"org.apache.commons.", "commons-lang3"},
        {"com.networknt.", "json-schema-validator"},
        {"org.knowm.xchart.", "XChart"},
        {"jakarta.mail.", "Jakarta Mail"},
        {"org.eclipse.angus.", "Jakarta Mail"},
        {"sun.net.httpserver.", "JDK HTTP server (local runner front, EventBridge/SES stand-ins)"},
        {"com.sun.net.httpserver.", "JDK HTTP server (local runner front, EventBridge/SES stand-ins)"},
        {"jdk.internal.net.http.", "JDK HTTP client (the senders)"},
        {"java.net.http.", "JDK HTTP client (the senders)"},
        {"sun.net.www.", "JDK URLConnection (SDK HTTP client)"},
        {"java.", "JDK"},
        {"javax.", "JDK"},
        {"jdk.", "JDK"},
        {"sun.", "JDK"},
        {"com.sun.", "JDK"},
    };
}
