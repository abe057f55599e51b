package com.communitypulse.normalise;

import com.communitypulse.shared.model.CommunityAction;

/**
 * One action made from a delivery, with the readable key its id was hashed from (logged, and
 * checked against the taxonomy's documented key formats in tests).
 */
public record Normalised(String key, CommunityAction action) {
}
