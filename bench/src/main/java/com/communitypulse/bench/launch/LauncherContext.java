package com.communitypulse.bench.launch;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.util.UUID;

/**
 * The Lambda {@code Context} of the one cold invocation, as a dynamic proxy so it keeps working
 * whatever methods aws-lambda-java-core adds. The logger prints to stdout, as Lambda's does.
 */
final class LauncherContext implements InvocationHandler {
    private final String functionName;
    private final String requestId = UUID.randomUUID().toString();
    private final long deadline = System.currentTimeMillis() + 20_000;

    LauncherContext(String functionName) {
        this.functionName = functionName;
    }

    @Override
    public Object invoke(Object proxy, Method method, Object[] args) {
        return switch (method.getName()) {
            case "getAwsRequestId" -> requestId;
            case "getFunctionName", "getLogGroupName", "getLogStreamName" -> functionName;
            case "getFunctionVersion" -> "$LATEST";
            case "getInvokedFunctionArn" -> "arn:aws:lambda:us-east-1:000000000000:function:" + functionName;
            case "getRemainingTimeInMillis" -> (int) Math.max(0, deadline - System.currentTimeMillis());
            case "getMemoryLimitInMB" -> 1024;
            case "getLogger" -> StdoutLogger.create();
            case "toString" -> "LauncherContext[" + functionName + "]";
            case "hashCode" -> System.identityHashCode(proxy);
            case "equals" -> proxy == args[0];
            default -> null;
        };
    }

    /** A LambdaLogger printing to stdout. */
    static final class StdoutLogger implements InvocationHandler {
        static Object create() {
            try {
                Class<?> type = Class.forName("com.amazonaws.services.lambda.runtime.LambdaLogger");
                return java.lang.reflect.Proxy.newProxyInstance(LauncherContext.class.getClassLoader(),
                        new Class<?>[] {type}, new StdoutLogger());
            } catch (ClassNotFoundException e) {
                return null;
            }
        }

        @Override
        public Object invoke(Object proxy, Method method, Object[] args) {
            if (method.getName().equals("log") && args != null && args.length > 0) {
                Object message = args[0];
                System.out.println(message instanceof byte[] bytes ? new String(bytes) : String.valueOf(message));
            }
            return null;
        }
    }
}
