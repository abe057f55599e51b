package com.communitypulse.local;

import com.communitypulse.local.bridge.HandlerBridge;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where a function's classes come from. On Lambda each function runs alone in its sandbox with
 * only its deployment package, so the runner gives each function a class loader over its own
 * {@code CodeUri} jar whose parent is the JDK's platform loader: nothing of the runner, and
 * nothing of another function, can be seen from it. A class missing from a jar fails here as it
 * would on AWS.
 */
final class FunctionCode {
    private static final String BRIDGE_PACKAGE = HandlerBridge.class.getPackageName() + ".";

    private final ClassLoader loader;
    private final String description;

    private FunctionCode(ClassLoader loader, String description) {
        this.loader = loader;
        this.description = description;
    }

    /** The function's deployment jar, as {@code sam deploy} uploads it. */
    static FunctionCode jar(String logicalId, Path jar) {
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(logicalId + ": its CodeUri " + jar + " does not exist; build the "
                    + "functions first (mvn -B -q -DskipTests package)");
        }
        try {
            URLClassLoader code = new URLClassLoader("function:" + logicalId, new URL[] {jar.toUri().toURL()},
                    ClassLoader.getPlatformClassLoader());
            return new FunctionCode(new BridgeLoader(code), jar.toString());
        } catch (MalformedURLException e) {
            throw new IllegalStateException(logicalId + ": bad CodeUri " + jar, e);
        }
    }

    /**
     * The runner's own class path: only for the runner's tests, whose fixture handlers are
     * test classes and whose template names no real jar.
     */
    static FunctionCode runnerClassPath() {
        return new FunctionCode(FunctionCode.class.getClassLoader(), "the runner's class path");
    }

    ClassLoader loader() {
        return loader;
    }

    String description() {
        return description;
    }

    /**
     * Defines the runner's {@code bridge} classes inside the function's loader (from the runner's
     * own class files), so they link against the function jar's libraries; all else is the jar's.
     */
    private static final class BridgeLoader extends ClassLoader {
        BridgeLoader(ClassLoader functionJar) {
            super(functionJar);
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            if (!name.startsWith(BRIDGE_PACKAGE)) {
                return super.loadClass(name, resolve);
            }
            synchronized (getClassLoadingLock(name)) {
                Class<?> loaded = findLoadedClass(name);
                if (loaded == null) {
                    String file = name.replace('.', '/') + ".class";
                    try (InputStream in = FunctionCode.class.getClassLoader().getResourceAsStream(file)) {
                        if (in == null) {
                            throw new ClassNotFoundException(name);
                        }
                        byte[] bytes = in.readAllBytes();
                        loaded = defineClass(name, bytes, 0, bytes.length);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }
                if (resolve) {
                    resolveClass(loaded);
                }
                return loaded;
            }
        }
    }
}
