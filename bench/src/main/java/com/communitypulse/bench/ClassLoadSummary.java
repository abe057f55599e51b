package com.communitypulse.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What a cold start loaded: the {@code -Xlog:class+load} file of a run, counted by library and package. */
final class ClassLoadSummary {
    private ClassLoadSummary() {
    }

    /** Classes loaded, by library, from an {@code -Xlog:class+load} file. */
    static String of(Path log, int top) throws IOException {
        if (!Files.exists(log)) {
            return "(no class-load log written)";
        }
        Map<String, Integer> byLibrary = new LinkedHashMap<>();
        Map<String, Integer> byPackage = new LinkedHashMap<>();
        int total = 0;
        int fromCds = 0;
        for (String line : Files.readAllLines(log)) {
            int tag = line.indexOf("[class,load] ");
            if (tag < 0) {
                continue;
            }
            String rest = line.substring(tag + "[class,load] ".length());
            int space = rest.indexOf(' ');
            String className = space < 0 ? rest : rest.substring(0, space);
            if (className.startsWith("jdk.jfr.") || className.startsWith("jdk.internal.jfr")) {
                continue; // the profiler's own classes, not the function's
            }
            total++;
            if (rest.contains("shared objects file")) {
                fromCds++;
            }
            byLibrary.merge(JfrSummary.library(className), 1, Integer::sum);
            byPackage.merge(JarSizes.group(className.replace('.', '/') + ".class").replace("(root)", className), 1, Integer::sum);
        }
        StringBuilder out = new StringBuilder();
        int all = total;
        out.append(total).append(" classes loaded up to the end of the first invocation (").append(fromCds)
                .append(" of them from the JDK's CDS archive; JFR's own classes left out). By library, and the biggest packages:\n\n");
        out.append("| library | classes | | package | classes |\n|---|---:|---|---|---:|\n");
        List<Map.Entry<String, Integer>> libraries = byLibrary.entrySet().stream()
                .sorted((a, b) -> b.getValue() - a.getValue()).limit(top).toList();
        List<Map.Entry<String, Integer>> packages = byPackage.entrySet().stream()
                .sorted((a, b) -> b.getValue() - a.getValue()).limit(top).toList();
        for (int i = 0; i < Math.max(libraries.size(), packages.size()); i++) {
            out.append("| ");
            if (i < libraries.size()) {
                out.append(libraries.get(i).getKey()).append(" | ").append(libraries.get(i).getValue())
                        .append(String.format(" (%.0f%%)", 100.0 * libraries.get(i).getValue() / all));
            } else {
                out.append(" | ");
            }
            out.append(" | | ");
            if (i < packages.size()) {
                out.append('`').append(packages.get(i).getKey()).append("` | ").append(packages.get(i).getValue());
            } else {
                out.append(" | ");
            }
            out.append(" |\n");
        }
        return out.toString();
    }

}
