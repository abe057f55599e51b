package com.communitypulse.local;

/** How often a hosted function was invoked and how long its handler ran in all: Lambda bills both. */
public record FunctionUsage(long invocations, long handlerNanos) {
    public FunctionUsage minus(FunctionUsage before) {
        return new FunctionUsage(invocations - before.invocations, handlerNanos - before.handlerNanos);
    }

    public double meanMillis() {
        return invocations == 0 ? 0 : handlerNanos / 1e6 / invocations;
    }
}
