package com.communitypulse.normalise.domain;

import com.communitypulse.shared.model.CommunityAction;

/**
 * One action made from a delivery, with the readable key its id was hashed from (checked against
 * the taxonomy's documented key forms in tests; never logged, as a custom source's key is its body).
 */
public record Normalised(String key, CommunityAction action) {
}
