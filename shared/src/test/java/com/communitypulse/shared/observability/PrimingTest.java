package com.communitypulse.shared.observability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PrimingTest {

    @Test
    void beforeCheckpointRunsEveryPrimerInOrder() {
        List<String> ran = new ArrayList<>();
        Priming priming = Priming.builder("test")
                .prime("first", () -> ran.add("first"))
                .prime("second", () -> ran.add("second"))
                .afterRestore("refresh", () -> ran.add("refresh"))
                .build();

        priming.beforeCheckpoint(null);

        assertEquals(List.of("first", "second"), ran);
        assertEquals(List.of(new Priming.Outcome("beforeCheckpoint", "first", true, null),
                new Priming.Outcome("beforeCheckpoint", "second", true, null)), priming.outcomes());
    }

    @Test
    void afterRestoreRunsOnlyTheRestoreHooks() {
        List<String> ran = new ArrayList<>();
        Priming priming = Priming.builder("test")
                .prime("warm", () -> ran.add("warm"))
                .afterRestore("refresh", () -> ran.add("refresh"))
                .build();

        priming.afterRestore(null);

        assertEquals(List.of("refresh"), ran);
        assertEquals("afterRestore", priming.outcomes().get(0).phase());
    }

    @Test
    void aFailingPrimerIsRecordedAndTheOthersStillRun() {
        List<String> ran = new ArrayList<>();
        Priming priming = Priming.builder("test")
                .prime("sdk", () -> {
                    throw new java.net.ConnectException("no network while snapshotting");
                })
                .prime("missing class", () -> {
                    throw new NoClassDefFoundError("software/amazon/Gone");
                })
                .prime("jackson", () -> ran.add("jackson"))
                .build();

        priming.beforeCheckpoint(null);

        assertEquals(List.of("jackson"), ran);
        List<Priming.Outcome> outcomes = priming.outcomes();
        assertFalse(outcomes.get(0).succeeded());
        assertEquals("ConnectException", outcomes.get(0).failure());
        assertEquals("NoClassDefFoundError", outcomes.get(1).failure());
        assertTrue(outcomes.get(2).succeeded());
    }

    @Test
    void theJacksonPrimerRoundTripsTheSampleAction() {
        Priming priming = Priming.builder("test").primeJackson().build();

        priming.beforeCheckpoint(null);

        assertEquals(List.of(new Priming.Outcome("beforeCheckpoint", "jackson", true, null)), priming.outcomes());
    }

    @Test
    void registeringOutsideACracRuntimeIsHarmlessAndRunsNothing() {
        List<String> ran = new ArrayList<>();
        Priming priming = Priming.builder("test").prime("warm", () -> ran.add("warm")).build();

        assertSame(priming, priming.register());

        assertEquals(List.of(), ran);
        assertEquals(List.of(), priming.outcomes());
    }
}
