package com.communitypulse.bench;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/** The class paths a cold start runs on: the launcher's classes, the floor's jar, what a jar holds. */
final class ColdStartJars {
    private ColdStartJars() {
    }

    static boolean contains(Path jar, String className) throws IOException {
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            return zip.getEntry(className.replace('.', '/') + ".class") != null;
        }
    }

    /** The launcher's classes (and nothing else of the bench) in a directory for the function classpaths. */
    static Path extractLauncher(Path dir) throws IOException {
        for (String name : List.of("ColdStartLauncher", "LauncherContext", "LauncherContext$StdoutLogger")) {
            String resource = "com/communitypulse/bench/launch/" + name + ".class";
            Path target = dir.resolve(resource);
            Files.createDirectories(target.getParent());
            try (InputStream in = ColdStartJars.class.getClassLoader().getResourceAsStream(resource)) {
                if (in == null) {
                    throw new IllegalStateException(resource + " missing from the bench classpath");
                }
                Files.copy(in, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
        }
        return dir;
    }

    /**
     * The floor's deployable: the trivial handler, the launcher, Jackson and aws-lambda-java-core,
     * copied out of the bench's own jar (or classpath), nothing else.
     */
    static Path buildBaselineJar(Path jar) throws IOException {
        List<String> prefixes = List.of("com/communitypulse/bench/launch/", "com/fasterxml/jackson/core/",
                "com/fasterxml/jackson/databind/", "com/fasterxml/jackson/annotation/");
        List<String> lambdaCore = List.of("com/amazonaws/services/lambda/runtime/");
        Files.createDirectories(jar.getParent());
        java.util.Set<String> written = new java.util.HashSet<>();
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
            for (String entry : System.getProperty("java.class.path").split(java.io.File.pathSeparator)) {
                Path source = Path.of(entry);
                if (Files.isDirectory(source)) {
                    try (var files = Files.walk(source)) {
                        for (Path file : files.filter(Files::isRegularFile).toList()) {
                            String name = source.relativize(file).toString().replace('\\', '/');
                            if (wanted(name, prefixes, lambdaCore) && written.add(name)) {
                                out.putNextEntry(new JarEntry(name));
                                Files.copy(file, out);
                                out.closeEntry();
                            }
                        }
                    }
                } else if (Files.isRegularFile(source)) {
                    try (ZipFile zip = new ZipFile(source.toFile())) {
                        Enumeration<? extends ZipEntry> entries = zip.entries();
                        while (entries.hasMoreElements()) {
                            ZipEntry e = entries.nextElement();
                            if (!e.isDirectory() && wanted(e.getName(), prefixes, lambdaCore) && written.add(e.getName())) {
                                out.putNextEntry(new JarEntry(e.getName()));
                                try (InputStream in = zip.getInputStream(e)) {
                                    in.transferTo(out);
                                }
                                out.closeEntry();
                            }
                        }
                    }
                }
            }
        }
        return jar;
    }

    static boolean wanted(String name, List<String> prefixes, List<String> lambdaCore) {
        if (!name.endsWith(".class") && !name.startsWith("META-INF/services/com.fasterxml")) {
            return false;
        }
        for (String prefix : prefixes) {
            if (name.startsWith(prefix)) {
                return true;
            }
        }
        // aws-lambda-java-core only: its runtime package, not the (large) events library beside it
        for (String prefix : lambdaCore) {
            if (name.startsWith(prefix) && !name.startsWith(prefix + "events/") && !name.startsWith(prefix + "serialization/")) {
                return true;
            }
        }
        return false;
    }
}
