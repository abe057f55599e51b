package com.communitypulse.local;

import com.communitypulse.shared.config.Env;
import com.communitypulse.shared.json.Json;
import java.lang.reflect.InvocationTargetException;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.BiFunction;

/**
 * One function of the template, run as Lambda runs it: from its own code (see
 * {@link FunctionCode}), each instance handling one invocation at a time, new instances made as
 * concurrency grows (up to a limit), each built with the function's own environment so it builds
 * its real SDK clients once, against local endpoints. Events and outputs cross as JSON bytes,
 * read and written by the function's own Jackson, as the Lambda runtime hands them over.
 */
final class LocalFunction {
    private static final String BRIDGE = "com.communitypulse.local.bridge.HandlerBridge";

    private final String logicalId;
    private final String handlerClass;
    private final FunctionCode code;
    private final Env env;
    private final int timeoutSeconds;
    private final int memoryMb;
    private final Semaphore concurrency;
    private final ConcurrentLinkedDeque<BiFunction<byte[], Map<String, Object>, byte[]>> idle =
            new ConcurrentLinkedDeque<>();
    private final LongAdder invocations = new LongAdder();
    private final LongAdder handlerNanos = new LongAdder();

    LocalFunction(String logicalId, String handler, FunctionCode code, Map<String, String> environment,
                  int timeoutSeconds, int memoryMb, int maxConcurrency) {
        this.logicalId = logicalId;
        this.handlerClass = handler.contains("::") ? handler.substring(0, handler.indexOf("::")) : handler;
        this.code = code;
        this.env = new Env(environment);
        this.timeoutSeconds = timeoutSeconds;
        this.memoryMb = memoryMb;
        this.concurrency = new Semaphore(maxConcurrency, true);
    }

    String logicalId() {
        return logicalId;
    }

    Env env() {
        return env;
    }

    FunctionUsage usage() {
        return new FunctionUsage(invocations.sum(), handlerNanos.sum());
    }

    /** Builds the first instance now, so a broken function fails the start, not the first request. */
    void warm() {
        idle.push(newInstance());
    }

    /**
     * Invokes the handler with a JSON-shaped input (what Lambda would deserialise), returning
     * the output as JSON-shaped data. Whatever the handler throws propagates as it is.
     */
    Object invoke(Object input) throws Exception {
        byte[] event = Json.mapper().writeValueAsBytes(input);
        concurrency.acquire();
        BiFunction<byte[], Map<String, Object>, byte[]> instance = idle.poll();
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        try {
            // libraries find their services through the context loader, as in a Lambda sandbox
            thread.setContextClassLoader(code.loader());
            if (instance == null) {
                instance = newInstance();
            }
            long started = System.nanoTime();
            byte[] output;
            try {
                output = instance.apply(event, Map.of("requestId", UUID.randomUUID().toString(),
                        "timeoutSeconds", timeoutSeconds, "memoryMb", memoryMb));
            } finally {
                handlerNanos.add(System.nanoTime() - started);
                invocations.increment();
            }
            return output == null ? null : Json.mapper().readValue(output, Object.class);
        } finally {
            thread.setContextClassLoader(previous);
            if (instance != null) {
                idle.push(instance);
            }
            concurrency.release();
        }
    }

    @SuppressWarnings("unchecked")
    private BiFunction<byte[], Map<String, Object>, byte[]> newInstance() {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(code.loader());
        try {
            return (BiFunction<byte[], Map<String, Object>, byte[]>) Class.forName(BRIDGE, true, code.loader())
                    .getConstructor(String.class, String.class, Map.class)
                    .newInstance(logicalId, handlerClass, env.asMap());
        } catch (InvocationTargetException e) {
            throw new IllegalStateException(logicalId + ": " + handlerClass + " (from " + code.description()
                    + ") failed to start: " + Failures.describe(e.getCause()), e.getCause());
        } catch (ReflectiveOperationException | LinkageError e) {
            throw new IllegalStateException(logicalId + ": cannot load " + handlerClass + " from "
                    + code.description() + ": " + Failures.describe(e), e);
        } finally {
            thread.setContextClassLoader(previous);
        }
    }
}
