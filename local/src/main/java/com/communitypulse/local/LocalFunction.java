package com.communitypulse.local;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.communitypulse.shared.config.Env;
import com.communitypulse.shared.json.Json;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.Semaphore;

/**
 * One function of the template, run in this JVM as Lambda runs it: each instance handles one
 * invocation at a time, new instances are made as concurrency grows (up to a limit), and each
 * instance is built through the handler's {@code (Env)} constructor with the function's own
 * environment, so it builds its real SDK clients once, against local endpoints.
 */
final class LocalFunction {
    private final String logicalId;
    private final Class<?> handlerClass;
    private final Method handleRequest;
    private final JavaType inputType;
    private final Env env;
    private final int timeoutSeconds;
    private final int memoryMb;
    private final Semaphore concurrency;
    private final ConcurrentLinkedDeque<Object> idle = new ConcurrentLinkedDeque<>();

    LocalFunction(String logicalId, String handler, Map<String, String> environment, int timeoutSeconds,
                  int memoryMb, int maxConcurrency) {
        this.logicalId = logicalId;
        String className = handler.contains("::") ? handler.substring(0, handler.indexOf("::")) : handler;
        try {
            this.handlerClass = Class.forName(className);
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(logicalId + ": handler class " + className + " is not on the classpath", e);
        }
        if (!RequestHandler.class.isAssignableFrom(handlerClass)) {
            throw new IllegalStateException(logicalId + ": " + className + " does not implement RequestHandler");
        }
        this.handleRequest = findHandleRequest(handlerClass);
        ObjectMapper mapper = Json.mapper();
        this.inputType = mapper.getTypeFactory().constructType(handleRequest.getGenericParameterTypes()[0]);
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

    /** Builds the first instance now, so a broken function fails the start, not the first request. */
    void warm() {
        idle.push(newInstance());
    }

    /**
     * Invokes the handler with a JSON-shaped input (what Lambda would deserialise), returning
     * the output as JSON-shaped data. Exceptions thrown by the handler propagate.
     */
    Object invoke(Object input) throws Exception {
        Object event = Json.mapper().convertValue(input, inputType);
        concurrency.acquire();
        Object instance = idle.poll();
        try {
            if (instance == null) {
                instance = newInstance();
            }
            Context context = new LocalContext(logicalId, timeoutSeconds, memoryMb);
            Object output;
            try {
                output = handleRequest.invoke(instance, event, context);
            } catch (InvocationTargetException e) {
                if (e.getCause() instanceof Exception cause) {
                    throw cause;
                }
                throw e;
            }
            return output == null ? null : Json.mapper().convertValue(output, Object.class);
        } finally {
            if (instance != null) {
                idle.push(instance);
            }
            concurrency.release();
        }
    }

    private Object newInstance() {
        try {
            return handlerClass.getConstructor(Env.class).newInstance(env);
        } catch (NoSuchMethodException e) {
            throw new IllegalStateException(logicalId + ": " + handlerClass.getName()
                    + " needs a public constructor taking com.communitypulse.shared.config.Env", e);
        } catch (InvocationTargetException e) {
            throw new IllegalStateException(logicalId + ": " + handlerClass.getName() + " failed to start: "
                    + e.getCause(), e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(logicalId + ": cannot build " + handlerClass.getName(), e);
        }
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
