package com.communitypulse.local;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.UndeclaredThrowableException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;

/** Says why a function failed: the real cause's class and message, and where it was thrown. */
final class Failures {
    private static final int FRAMES = 3;

    private Failures() {
    }

    /** The failure without its reflective wrappers. */
    static Throwable unwrap(Throwable t) {
        Throwable current = t;
        while ((current instanceof InvocationTargetException || current instanceof UndeclaredThrowableException
                || current instanceof ExecutionException) && current.getCause() != null) {
            current = current.getCause();
        }
        return current;
    }

    /** {@code NoClassDefFoundError: com/x/Y} (and its cause's class and message, if any). */
    static String describe(Throwable t) {
        Throwable cause = unwrap(t);
        String text = cause.getClass().getSimpleName() + ": " + cause.getMessage();
        Throwable root = cause.getCause();
        if (root != null && root != cause) {
            text += " (caused by " + root.getClass().getSimpleName() + ": " + root.getMessage() + ")";
        }
        return text;
    }

    /** {@link #describe} and the first frames, for the log. */
    static String withFrames(Throwable t) {
        Throwable cause = unwrap(t);
        List<String> frames = new ArrayList<>();
        StackTraceElement[] trace = cause.getStackTrace();
        for (int i = 0; i < Math.min(FRAMES, trace.length); i++) {
            frames.add("at " + trace[i]);
        }
        return describe(cause) + (frames.isEmpty() ? "" : "\n    " + String.join("\n    ", frames));
    }
}
