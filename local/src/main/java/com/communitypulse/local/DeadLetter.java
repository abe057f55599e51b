package com.communitypulse.local;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * An event a function kept failing on after the bus's retries, as the template's dead-letter
 * queue would hold it: the original event, ready to be redriven.
 */
public record DeadLetter(String rule, String functionId, JsonNode event, String error) {
}
