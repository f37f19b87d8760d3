package vn.motcua.monitor;

import java.util.Map;
import java.util.TreeMap;

/**
 * How long a step's tasks stayed with the unit (working time from the task's creation to its
 * completion), kept as a histogram so that medians and 90th percentiles over any months and units
 * come from a few summed counts. Buckets are quarter octaves from one minute: bucket 0 holds
 * under a minute, bucket {@code b ≥ 1} holds {@code [60·2^((b-1)/4), 60·2^(b/4))} seconds. A
 * percentile is reported as its bucket's geometric middle, within ±9 % of the true value.
 */
record StepDwell(String step, long completed, long late, Map<Integer, Long> buckets) {

    static final int MAX_BUCKET = 80;

    static int bucket(long workingSeconds) {
        if (workingSeconds < 60) {
            return 0;
        }
        // a hair over, so an exact boundary (120 s = 2 minutes) lands in the bucket it opens
        int b = 1 + (int) Math.floor(4 * (Math.log(workingSeconds / 60.0) / Math.log(2)) + 1e-9);
        return Math.min(b, MAX_BUCKET);
    }

    /** The bucket's representative value in seconds: its geometric middle (30 s for bucket 0). */
    static double middle(int bucket) {
        return bucket == 0 ? 30 : 60 * Math.pow(2, (2 * bucket - 1) / 8.0);
    }

    static StepDwell empty(String step) {
        return new StepDwell(step, 0, 0, new TreeMap<>());
    }

    StepDwell add(int bucket, long tasks, long lateTasks) {
        Map<Integer, Long> merged = new TreeMap<>(buckets);
        merged.merge(bucket, tasks, Long::sum);
        return new StepDwell(step, completed + tasks, late + lateTasks, merged);
    }

    /** The q-quantile (0 < q ≤ 1) in working seconds by the nearest-rank method; null without tasks. */
    Double quantileSeconds(double q) {
        if (completed == 0) {
            return null;
        }
        long rank = Math.max(1, (long) Math.ceil(q * completed));
        long seen = 0;
        for (Map.Entry<Integer, Long> entry : new TreeMap<>(buckets).entrySet()) {
            seen += entry.getValue();
            if (seen >= rank) {
                return middle(entry.getKey());
            }
        }
        return null;
    }

    Double medianHours() {
        return hours(quantileSeconds(0.5));
    }

    Double p90Hours() {
        return hours(quantileSeconds(0.9));
    }

    private static Double hours(Double seconds) {
        return seconds == null ? null : Math.round(seconds / 36.0) / 100.0;
    }
}
