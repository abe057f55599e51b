package com.communitypulse.welcome;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.amazonaws.services.lambda.runtime.Context;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import software.amazon.lambda.powertools.metrics.Metrics;
import software.amazon.lambda.powertools.metrics.model.DimensionSet;
import software.amazon.lambda.powertools.metrics.model.MetricResolution;
import software.amazon.lambda.powertools.metrics.model.MetricUnit;

/** Each count is flushed on its own with exactly its dimensions ({@code platform}, and a skip's {@code reason}). */
class PowertoolsWelcomeMetricsTest {
    @Test
    void eachCountIsOneMetricWithItsOwnDimensions() {
        List<String> flushed = new ArrayList<>();
        PowertoolsWelcomeMetrics metrics = new PowertoolsWelcomeMetrics(new SingleMetricRecorder(flushed), "CommunityPulse");

        metrics.count("WelcomeSent", "github");
        metrics.skipped("WelcomeSkipped", "slack", "bot");
        metrics.count("CelebrationDryRun", "discourse");

        assertEquals(List.of(
                "CommunityPulse WelcomeSent=1.0 Count {platform=github}",
                "CommunityPulse WelcomeSkipped=1.0 Count {platform=slack, reason=bot}",
                "CommunityPulse CelebrationDryRun=1.0 Count {platform=discourse}"), flushed);
    }

    /** Records {@code flushSingleMetric}; every other Powertools call is unexpected here. */
    private record SingleMetricRecorder(List<String> flushed) implements Metrics {
        @Override
        public void flushSingleMetric(String name, double value, MetricUnit unit, String namespace, DimensionSet dimensions) {
            flushed.add(namespace + " " + name + "=" + value + " " + unit.getName() + " " + dimensions.getDimensions());
        }

        @Override
        public void addMetric(String key, double value, MetricUnit unit, MetricResolution resolution) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void addDimension(DimensionSet dimensionSet) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void setTimestamp(Instant timestamp) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void addMetadata(String key, Object value) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void setDefaultDimensions(DimensionSet dimensionSet) {
            throw new UnsupportedOperationException();
        }

        @Override
        public DimensionSet getDefaultDimensions() {
            throw new UnsupportedOperationException();
        }

        @Override
        public void setNamespace(String namespace) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void setRaiseOnEmptyMetrics(boolean raiseOnEmptyMetrics) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void clearDefaultDimensions() {
            throw new UnsupportedOperationException();
        }

        @Override
        public void flush() {
            throw new UnsupportedOperationException();
        }

        @Override
        public void captureColdStartMetric(Context context, DimensionSet dimensions) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void captureColdStartMetric(DimensionSet dimensions) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void flushMetrics(Consumer<Metrics> metricsConsumer) {
            throw new UnsupportedOperationException();
        }
    }
}
