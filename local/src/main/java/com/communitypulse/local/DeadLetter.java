package com.communitypulse.local;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * An event a function kept failing on after the bus's retries, as the template's dead-letter
 * queue would hold it: the original event, ready to be redriven. {@code functionId} is the
 * target's logical id: a function's, or a delivery stream's.
 */
public record DeadLetter(String rule, String functionId, JsonNode event, String error) {
}
