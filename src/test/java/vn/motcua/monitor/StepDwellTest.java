package vn.motcua.monitor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Map;

import org.junit.jupiter.api.Test;

/** The dwell histogram: buckets, their text form, and percentiles within the promised 9 %. */
class StepDwellTest {

    @Test
    void bucketsAreQuarterOctavesFromAMinute() {
        assertThat(StepDwell.bucket(0)).isZero();
        assertThat(StepDwell.bucket(59)).isZero();
        assertThat(StepDwell.bucket(60)).isEqualTo(1);
        assertThat(StepDwell.bucket(71)).isEqualTo(1);
        assertThat(StepDwell.bucket(72)).isEqualTo(2);
        assertThat(StepDwell.bucket(120)).as("two minutes opens bucket 5").isEqualTo(5);
        assertThat(StepDwell.bucket(3600)).isEqualTo(24); // 1 + 4·log2(60)
        assertThat(StepDwell.bucket(Long.MAX_VALUE)).isEqualTo(StepDwell.MAX_BUCKET);
        for (long seconds = 60; seconds < 10_000_000; seconds = seconds * 3 / 2) {
            assertThat(StepDwell.middle(StepDwell.bucket(seconds)) / seconds).as(seconds + " s").isBetween(0.91, 1.10);
        }
    }

    @Test
    void theHistogramIsWrittenAsBucketColonCount() {
        assertThat(StepDwell.format(Map.of(22, 10L, 21, 3L))).isEqualTo("21:3 22:10");
        assertThat(StepDwell.parse("21:3 22:10")).containsExactly(Map.entry(21, 3L), Map.entry(22, 10L));
        assertThat(StepDwell.parse("")).isEmpty();
        assertThat(StepDwell.parse(" 5:1  x 6:2 ")).containsOnlyKeys(5, 6);
    }

    @Test
    void medianAndNinetiethPercentileByNearestRank() {
        // ten tasks: 1 h (×5), 2 h (×4), 8 h (×1): median 1 h, p90 2 h
        StepDwell dwell = StepDwell.empty("appraisal")
                .add(Map.of(StepDwell.bucket(3600), 5L), 0)
                .add(Map.of(StepDwell.bucket(7200), 4L, StepDwell.bucket(8 * 3600), 1L), 1);
        assertThat(dwell.completed()).isEqualTo(10);
        assertThat(dwell.late()).isEqualTo(1);
        assertThat(dwell.medianHours()).isCloseTo(1.0, within(0.09));
        assertThat(dwell.p90Hours()).isCloseTo(2.0, within(0.18));
        assertThat(StepDwell.empty("result").medianHours()).isNull();
    }
}
