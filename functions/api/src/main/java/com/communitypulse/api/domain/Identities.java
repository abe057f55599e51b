package com.communitypulse.api.domain;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

/** Contributor ids in URLs: {@code platform:id} or {@code platform:@login}. */
public final class Identities {
    private static final Pattern ID = Pattern.compile("[a-z][a-z0-9_-]{0,31}:[^\\s/]{1,200}");

    private Identities() {
    }

    /** Percent-decodes a path segment ({@code +} stays a plus, as in paths). */
    public static String decode(String raw) {
        if (raw == null || !raw.contains("%")) {
            return raw;
        }
        try {
            return URLDecoder.decode(raw.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    public static boolean valid(String id) {
        return id != null && ID.matcher(id).matches() && !id.endsWith(":@");
    }

    public static boolean isLoginForm(String id) {
        return id.startsWith("@", id.indexOf(':') + 1);
    }

    public static String platform(String id) {
        return id.substring(0, id.indexOf(':'));
    }

    public static String login(String id) {
        return id.substring(id.indexOf(':') + 2);
    }
}
