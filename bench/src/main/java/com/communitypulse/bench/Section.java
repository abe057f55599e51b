package com.communitypulse.bench;

import java.util.ArrayList;
import java.util.List;

/** One part of the report: a markdown body and the targets it decides. */
final class Section {
    /** One target of issue 9, measured: met or missed, with the figure that decides it. */
    record Target(String name, String measured, boolean met, String note) {
    }

    final String title;
    final StringBuilder body = new StringBuilder();
    final List<Target> targets = new ArrayList<>();

    Section(String title) {
        this.title = title;
    }

    Section line(String text) {
        body.append(text).append('\n');
        return this;
    }

    Section target(String name, String measured, boolean met, String note) {
        targets.add(new Target(name, measured, met, note));
        return this;
    }

    static String ms(double millis) {
        return millis >= 100 ? String.format("%.0f ms", millis) : String.format("%.1f ms", millis);
    }

    static String ratio(double value) {
        return String.format("%.2fx", value);
    }

    static String mib(long bytes) {
        return String.format("%.1f MiB", bytes / 1024.0 / 1024.0);
    }
}
