package com.communitypulse.normalise.domain;

import static org.junit.jupiter.api.Assertions.assertNotNull;

import com.communitypulse.shared.model.RawDelivery;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Whatever shape a payload has, the normaliser answers with an outcome and never throws, and
 * whatever it maps still validates: corpus and fixture payloads with one field removed or
 * replaced by a value of another type.
 */
class NeverThrowsProperties {
    private static final Normaliser NORMALISER = new Normaliser(NormaliserConfig.defaults());
    private static final List<RawDelivery> SEEDS = seeds();
    private static final List<JsonNode> ODD_VALUES = List.of(JsonNodeFactory.instance.nullNode(),
            JsonNodeFactory.instance.textNode(""), JsonNodeFactory.instance.textNode("not a date"),
            JsonNodeFactory.instance.numberNode(-1), JsonNodeFactory.instance.booleanNode(true),
            JsonNodeFactory.instance.arrayNode(), JsonNodeFactory.instance.objectNode(),
            JsonNodeFactory.instance.numberNode(1.5e300));

    @Property(tries = 400)
    void aMutatedPayloadIsMappedIgnoredOrUnmappableNeverThrown(@ForAll("seed") int seed, @ForAll("path") int path,
                                                                @ForAll("value") int value, @ForAll boolean remove) {
        RawDelivery original = SEEDS.get(seed % SEEDS.size());
        JsonNode payload = original.payload().deepCopy();
        List<ContainerField> fields = new ArrayList<>();
        collect(payload, fields, 0);
        if (!fields.isEmpty()) {
            ContainerField field = fields.get(path % fields.size());
            if (remove && field.parent() instanceof ObjectNode object) {
                object.remove(field.name());
            } else if (field.parent() instanceof ObjectNode object) {
                object.set(field.name(), ODD_VALUES.get(value % ODD_VALUES.size()));
            } else if (field.parent() instanceof ArrayNode array) {
                array.set(field.index(), ODD_VALUES.get(value % ODD_VALUES.size()));
            }
        }
        Outcome outcome = NORMALISER.normalise(new RawDelivery(original.platform(), original.event(),
                original.deliveryId(), original.receivedAt(), original.headers(), payload, null));
        assertNotNull(outcome.status());
        outcome.actions().forEach(Check::valid);
    }

    @Provide
    Arbitrary<Integer> seed() {
        return Arbitraries.integers().between(0, SEEDS.size() - 1);
    }

    @Provide
    Arbitrary<Integer> path() {
        return Arbitraries.integers().between(0, 10_000);
    }

    @Provide
    Arbitrary<Integer> value() {
        return Arbitraries.integers().between(0, ODD_VALUES.size() - 1);
    }

    private record ContainerField(JsonNode parent, String name, int index) {
    }

    /** Fields up to four levels deep: where every rule reads. */
    private static void collect(JsonNode node, List<ContainerField> into, int depth) {
        if (depth > 3) {
            return;
        }
        if (node instanceof ObjectNode object) {
            object.fieldNames().forEachRemaining(name -> {
                into.add(new ContainerField(object, name, -1));
                collect(object.get(name), into, depth + 1);
            });
        } else if (node instanceof ArrayNode array) {
            for (int i = 0; i < Math.min(array.size(), 3); i++) {
                into.add(new ContainerField(array, null, i));
                collect(array.get(i), into, depth + 1);
            }
        }
    }

    /** The deliveries some rule maps: the community-relevant corpus payloads and every fixture. */
    private static List<RawDelivery> seeds() {
        List<RawDelivery> seeds = new ArrayList<>();
        for (TestDeliveries.CorpusPayload payload : TestDeliveries.corpus()) {
            RawDelivery delivery = TestDeliveries.github(payload.event(), payload.payload());
            if (NORMALISER.normalise(delivery).status() == Outcome.Status.MAPPED) {
                seeds.add(delivery);
            }
        }
        TestDeliveries.fixtures().forEach(fixture -> seeds.add(TestDeliveries.fixture(fixture)));
        return List.copyOf(seeds);
    }
}
