package com.communitypulse.score.domain;

import com.communitypulse.shared.events.BusEvent;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Everything one action writes, as one transaction, plus the bus events to publish once it
 * commits. For an action, {@code writes.get(0)} is its {@code ACTION#} guard item and
 * {@code writes.get(1)} its activity item, both guarded by {@link Guard#ABSENT}: if either exists
 * the action was recorded before (under this timestamp or another) and nothing is written. A tier
 * review's demotion has only the activity item, whose key is deterministic.
 *
 * @param day     the activity item's {@code DAY#} date
 * @param sortKey the activity item's sort key
 * @param impact  the action's impact (0 for bots and unscored types)
 * @param note    what happened, for the log (e.g. {@code scored}, {@code linked}, {@code link refused: …})
 */
public record Plan(List<Write> writes, String day, String sortKey, java.math.BigDecimal impact,
                   List<BusEvent> events, String note) {

    /** The condition a write carries. */
    public sealed interface Guard permits Guard.None, Guard.Absent, Guard.Exists, Guard.Version {
        record None() implements Guard {
        }

        record Absent() implements Guard {
        }

        /** The item is there (an unlink's part, which a step that already moved it deleted). */
        record Exists() implements Guard {
        }

        /** The item's {@code version} is still the one read. */
        record Version(long expected) implements Guard {
        }

        Guard NONE = new None();
        Guard ABSENT = new Absent();
        Guard EXISTS = new Exists();
    }

    public sealed interface Write permits Put, Update, Delete {
        String pk();

        String sk();

        Guard guard();
    }

    public record Delete(String pk, String sk, Guard guard) implements Write {
    }

    /** Values are String, Number, Boolean, Set&lt;String&gt; or List&lt;Map&lt;String,String&gt;&gt;. */
    public record Put(String pk, String sk, Map<String, Object> item, Guard guard) implements Write {
    }

    /**
     * @param set         SET name = value
     * @param setIfAbsent SET name = if_not_exists(name, value)
     * @param add         ADD name number
     * @param addToSets   ADD name string-set
     * @param remove      REMOVE name
     */
    public record Update(String pk, String sk, Guard guard, Map<String, Object> set, Map<String, Object> setIfAbsent,
                         Map<String, Number> add, Map<String, Set<String>> addToSets, Set<String> remove) implements Write {
        /** Removing nothing. */
        public Update(String pk, String sk, Guard guard, Map<String, Object> set, Map<String, Object> setIfAbsent,
                      Map<String, Number> add, Map<String, Set<String>> addToSets) {
            this(pk, sk, guard, set, setIfAbsent, add, addToSets, Set.of());
        }
    }
}
