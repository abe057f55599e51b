package com.communitypulse.shared.model;

/**
 * What a CRM id may be (the admin API and the scorer check the same rule): 1 to {@value #MAX_LENGTH} characters,
 * no control characters (they would break a CSV export or a log line), no space at either end (a pasted id with a
 * trailing space would look equal and not be).
 */
public final class CrmIds {
    public static final int MAX_LENGTH = 128;

    private CrmIds() {
    }

    public static boolean valid(String crmId) {
        if (crmId == null || crmId.isEmpty() || crmId.length() > MAX_LENGTH) {
            return false;
        }
        if (Character.isWhitespace(crmId.charAt(0)) || Character.isWhitespace(crmId.charAt(crmId.length() - 1))) {
            return false;
        }
        // line and paragraph separators too: the published schema's "." does not match them either
        return crmId.chars().noneMatch(c -> Character.isISOControl(c) || c == '\u2028' || c == '\u2029');
    }

    /** Why {@link #valid} refused it, for a 400 or an activity item's result. */
    public static String problem(String crmId) {
        return "crm_id must be 1 to " + MAX_LENGTH + " characters, without control characters or spaces at either end";
    }
}
