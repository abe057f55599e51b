package com.communitypulse.shared.scoring;

import com.communitypulse.shared.store.TableKeys;

/** The tiers, lowest first (their names are {@link TableKeys#TIERS}). Tiers never go down. */
public enum Tier {
    USER, CONTRIBUTOR, MAINTAINER, CORE_TEAM;

    public String label() {
        return TableKeys.TIERS.get(ordinal());
    }

    /** The tier stored under {@code label}, or null for none (bots, linked identities). */
    public static Tier fromLabel(String label) {
        if (label == null) {
            return null;
        }
        int index = TableKeys.TIERS.indexOf(label);
        if (index < 0) {
            throw new IllegalStateException("unknown tier '" + label + "' in the table; known: " + TableKeys.TIERS);
        }
        return values()[index];
    }

    public Tier max(Tier other) {
        return other == null || other.ordinal() <= ordinal() ? this : other;
    }
}
