package com.communitypulse.local.bridge;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.communitypulse.shared.config.Env;
import com.communitypulse.shared.json.Json;
import com.fasterxml.jackson.databind.JavaType;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * One handler instance, seen from the runner only through JDK types. This class is defined
 * inside each function's own class loader (see {@code FunctionCode}), so it links against the
 * function jar's copies of aws-lambda-java-core, Jackson and {@code shared}: the event is read
 * into the handler's input type and the output written back by the function's own code, never
 * by anything on the runner's classpath.
 *
 * <p>{@code apply(eventJson, invocation)} takes the invocation's request id, timeout and memory
 * in the map and returns the output as JSON bytes (or null).
 */
public final class HandlerBridge implements BiFunction<byte[], Map<String, Object>, byte[]> {
    private final String functionName;
    private final Object handler;
    private final Method handleRequest;
    private final JavaType inputType;

    /** Builds the handler through its {@code (Env)} constructor, as the runner gives each function its own environment. */
    public HandlerBridge(String functionName, String handlerClassName, Map<String, String> environment)
            throws Throwable {
        this.functionName = functionName;
        printMetricsLocally();
        Class<?> handlerClass = Class.forName(handlerClassName, true, HandlerBridge.class.getClassLoader());
        if (!RequestHandler.class.isAssignableFrom(handlerClass)) {
            throw new IllegalStateException(handlerClassName + " does not implement RequestHandler");
        }
        this.handleRequest = findHandleRequest(handlerClass);
        this.inputType = Json.mapper().getTypeFactory().constructType(handleRequest.getGenericParameterTypes()[0]);
        try {
            this.handler = handlerClass.getConstructor(Env.class).newInstance(new Env(environment));
        } catch (NoSuchMethodException e) {
            throw new IllegalStateException(handlerClassName
                    + " needs a public constructor taking com.communitypulse.shared.config.Env", e);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
        applyLogLevel(handlerClass.getClassLoader(), environment.get("POWERTOOLS_LOG_LEVEL"));
    }

    @Override
    public byte[] apply(byte[] eventJson, Map<String, Object> invocation) {
        Context context = new LocalContext((String) invocation.get("requestId"), functionName,
                (Integer) invocation.get("timeoutSeconds"), (Integer) invocation.get("memoryMb"));
        try {
            Object event = Json.mapper().readValue(eventJson, inputType);
            Object output = handleRequest.invoke(handler, event, context);
            return output == null ? null : Json.mapper().writeValueAsBytes(output);
        } catch (InvocationTargetException e) {
            throw sneaky(e.getCause());
        } catch (Exception e) {
            throw sneaky(e);
        }
    }

    /**
     * Powertools metrics (EMF) outside Lambda would probe the EC2 metadata address to learn where
     * it runs; each function's own copy of the EMF library is told to print EMF JSON on stdout.
     */
    private static void printMetricsLocally() {
        try {
            Class<?> environments = Class.forName("software.amazon.cloudwatchlogs.emf.environment.Environments",
                    true, HandlerBridge.class.getClassLoader());
            Object config = Class.forName("software.amazon.cloudwatchlogs.emf.config.EnvironmentConfigurationProvider",
                    true, HandlerBridge.class.getClassLoader()).getMethod("getConfig").invoke(null);
            Object local = environments.getField("Local").get(null);
            config.getClass().getMethod("setEnvironmentOverride", environments).invoke(config, local);
        } catch (ReflectiveOperationException | LinkageError noMetricsInThisJar) {
            // a function without Powertools metrics has nothing to configure
        }
    }

    /**
     * On Lambda a function's log4j2.xml takes its level from {@code POWERTOOLS_LOG_LEVEL} in the process
     * environment (the template's {@code LogLevel}). Here every function shares the runner's process, so the level
     * of the function's own environment is set on the function's own log4j, in each of its logger contexts (the
     * one its class loader names, and those its SLF4J loggers were made in, which log4j may name "Default"): the
     * root and {@code com.communitypulse} loggers, the two the file sets from it (the AWS SDK's stays at WARN).
     * Only for a function jar's loader ({@code function:<id>}, see FunctionCode): fixture handlers on the runner's
     * class path share the runner's log4j. Called once the handler is built, so its static loggers exist.
     */
    private static void applyLogLevel(ClassLoader functionCode, String level) {
        if (level == null || level.isBlank() || functionCode == null || functionCode.getName() == null
                || !functionCode.getName().startsWith("function:")) {
            return;
        }
        try {
            Class<?> levels = Class.forName("org.apache.logging.log4j.Level", true, functionCode);
            Object parsed = levels.getMethod("getLevel", String.class).invoke(null, level.trim().toUpperCase(java.util.Locale.ROOT));
            if (parsed == null) {
                return; // not a level name (the template allows only levels): as log4j2.xml says
            }
            Class<?> contexts = Class.forName("org.apache.logging.log4j.core.LoggerContext", true, functionCode);
            java.util.Set<Object> found = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
            found.add(contexts.getMethod("getContext", ClassLoader.class, boolean.class, java.net.URI.class)
                    .invoke(null, functionCode, false, null));
            Object slf4j = Class.forName("org.slf4j.LoggerFactory", true, functionCode).getMethod("getILoggerFactory").invoke(null);
            Class<?> adapter = Class.forName("org.apache.logging.log4j.spi.AbstractLoggerAdapter", true, functionCode);
            if (adapter.isInstance(slf4j)) {
                java.lang.reflect.Field registry = adapter.getDeclaredField("registry");
                registry.setAccessible(true);
                ((Map<?, ?>) registry.get(slf4j)).keySet().stream().filter(contexts::isInstance).forEach(found::add);
            }
            Class<?> configurations = Class.forName("org.apache.logging.log4j.core.config.Configuration", true, functionCode);
            Class<?> loggers = Class.forName("org.apache.logging.log4j.core.config.LoggerConfig", true, functionCode);
            for (Object context : found) {
                Object configuration = contexts.getMethod("getConfiguration").invoke(context);
                for (Object logger : new Object[] {configurations.getMethod("getRootLogger").invoke(configuration),
                        configurations.getMethod("getLoggerConfig", String.class).invoke(configuration, "com.communitypulse")}) {
                    loggers.getMethod("setLevel", levels).invoke(logger, parsed);
                }
                contexts.getMethod("updateLoggers").invoke(context);
            }
        } catch (ReflectiveOperationException | LinkageError | RuntimeException noLog4jHere) {
            // a function without log4j-core (or SLF4J on it) logs as its own configuration says
        }
    }

    @SuppressWarnings("unchecked")
    private static <T extends Throwable> RuntimeException sneaky(Throwable t) throws T {
        throw (T) t;
    }

    private static Method findHandleRequest(Class<?> type) {
        for (Method method : type.getMethods()) {
            if (method.getName().equals("handleRequest") && method.getParameterCount() == 2
                    && !method.isBridge() && !method.isSynthetic()
                    && Context.class.equals(method.getParameterTypes()[1])) {
                return method;
            }
        }
        throw new IllegalStateException(type.getName() + " has no handleRequest(input, Context)");
    }
}
