package com.communitypulse.reconcile.domain;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * One webhook whose deliveries are reconciled, as configured in {@code GITHUB_RECONCILE_HOOKS}:
 * {@code repo:OWNER/NAME:HOOK_ID} (a repository webhook) or {@code org:ORG:HOOK_ID} (an organisation
 * webhook), comma-separated. GitHub App webhooks ({@code /app/hook/deliveries}) need an App JWT and are
 * not supported yet: {@code app:...} is refused with a message saying so.
 *
 * @param kind   {@code repo} or {@code org}
 * @param target {@code OWNER/NAME} or {@code ORG}
 * @param hookId GitHub's hook id, also the {@code X-GitHub-Hook-ID} header the webhook function claims deliveries under
 */
public record Hook(String kind, String target, String hookId) {
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");
    private static final Pattern ID = Pattern.compile("[0-9]{1,20}");

    /** The configured form, also the checkpoint's key: {@code repo:octo-org/hello:123}. */
    public String id() {
        return kind + ":" + target + ":" + hookId;
    }

    /** The path of the hook's deliveries under the API base URL. */
    public String deliveriesPath() {
        return ("repo".equals(kind) ? "/repos/" + target : "/orgs/" + target) + "/hooks/" + hookId + "/deliveries";
    }

    @Override
    public String toString() {
        return id();
    }

    /** Parses {@code GITHUB_RECONCILE_HOOKS}; blank is no hooks (the reconciler is off). */
    public static List<Hook> parseAll(String value) {
        List<Hook> hooks = new ArrayList<>();
        if (value == null || value.isBlank()) {
            return hooks;
        }
        for (String part : value.split(",")) {
            if (!part.isBlank()) {
                Hook hook = parse(part.trim());
                if (hooks.stream().noneMatch(h -> h.id().equals(hook.id()))) {
                    hooks.add(hook);
                }
            }
        }
        return hooks;
    }

    public static Hook parse(String text) {
        String[] parts = text.split(":", -1);
        if (parts.length >= 1 && "app".equals(parts[0])) {
            throw new IllegalArgumentException("GITHUB_RECONCILE_HOOKS: GitHub App webhooks (" + text
                    + ") are not supported yet: /app/hook/deliveries needs an App JWT; configure the repository or organisation hook");
        }
        if (parts.length != 3 || !ID.matcher(parts[2]).matches()) {
            throw new IllegalArgumentException("GITHUB_RECONCILE_HOOKS: '" + text
                    + "' should be repo:OWNER/NAME:HOOK_ID or org:ORG:HOOK_ID");
        }
        String kind = parts[0];
        String target = parts[1];
        boolean valid = switch (kind) {
            case "repo" -> {
                String[] ownerName = target.split("/", -1);
                yield ownerName.length == 2 && NAME.matcher(ownerName[0]).matches() && NAME.matcher(ownerName[1]).matches();
            }
            case "org" -> NAME.matcher(target).matches();
            default -> false;
        };
        if (!valid) {
            throw new IllegalArgumentException("GITHUB_RECONCILE_HOOKS: '" + text
                    + "' should be repo:OWNER/NAME:HOOK_ID or org:ORG:HOOK_ID");
        }
        return new Hook(kind, target, parts[2]);
    }
}
