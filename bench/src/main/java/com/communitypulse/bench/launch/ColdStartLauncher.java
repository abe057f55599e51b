package com.communitypulse.bench.launch;

import com.amazonaws.services.lambda.runtime.Context;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The child JVM of the cold-start benchmark: does what the Lambda Java runtime does for a first
 * invocation, nothing more. Loads the handler class from the function's own deployable jar, builds
 * it with its public no-arg constructor (so it reads its environment and builds its SDK clients as
 * on Lambda), deserialises one event with Jackson into the handler's input type, invokes it once,
 * serialises the output, and prints {@value #DONE} so the parent can stop its clock.
 *
 * <p>Only the JDK, Jackson and aws-lambda-java-core are used here, which every function jar and
 * the trivial baseline jar contain. Usage: {@code ColdStartLauncher <handler class> <event.json>}.
 */
public final class ColdStartLauncher {
    public static final String DONE = "COLD-START-DONE";

    private ColdStartLauncher() {
    }

    public static void main(String[] args) throws Exception {
        String handlerClass = args[0].contains("::") ? args[0].substring(0, args[0].indexOf("::")) : args[0];
        byte[] event = Files.readAllBytes(Path.of(args[1]));

        Object handler = Class.forName(handlerClass).getConstructor().newInstance();
        Method handleRequest = handleRequest(handler.getClass());
        ObjectMapper mapper = new ObjectMapper().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        JavaType inputType = mapper.getTypeFactory().constructType(handleRequest.getGenericParameterTypes()[0]);
        Object input = mapper.readValue(event, inputType);
        Context context = (Context) Proxy.newProxyInstance(ColdStartLauncher.class.getClassLoader(),
                new Class<?>[] {Context.class}, new LauncherContext(handlerClass));
        Object output = handleRequest.invoke(handler, input, context);
        String json = output == null ? "null" : mapper.writeValueAsString(output);

        System.out.println(DONE + " " + (json.length() > 300 ? json.substring(0, 300) + "..." : json));
        System.out.flush();
        // classes loaded up to the end of the first invocation (the management classes load after it)
        long loaded = java.lang.management.ManagementFactory.getClassLoadingMXBean().getTotalLoadedClassCount();
        System.out.println("COLD-START-CLASSES " + loaded);
        System.out.flush();
        System.exit(0);
    }

    private static Method handleRequest(Class<?> type) {
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
