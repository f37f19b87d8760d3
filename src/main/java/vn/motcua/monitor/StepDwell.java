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

    /** {@code "21:3 22:10"} → {21=3, 22=10}; what cannot be read is left out. */
    static Map<Integer, Long> parse(String histogram) {
        long[] counts = new long[MAX_BUCKET + 1];
        addTo(counts, histogram);
        return of(counts);
    }

    /**
     * Adds the histogram's counts to {@code counts} (one slot per bucket). Hand-parsed: the
     * dashboard merges thousands of these rows for a province's year.
     */
    static void addTo(long[] counts, String histogram) {
        if (histogram == null) {
            return;
        }
        int bucket = -1;
        long value = 0;
        boolean inCount = false;
        for (int i = 0; i <= histogram.length(); i++) {
            char c = i < histogram.length() ? histogram.charAt(i) : ' ';
            if (c >= '0' && c <= '9') {
                value = value * 10 + (c - '0');
            } else if (c == ':' && !inCount) {
                bucket = (int) Math.min(value, MAX_BUCKET);
                value = 0;
                inCount = true;
            } else {
                if (inCount && bucket >= 0) {
                    counts[bucket] += value;
                }
                bucket = -1;
                value = 0;
                inCount = false;
            }
        }
    }

    static Map<Integer, Long> of(long[] counts) {
        Map<Integer, Long> buckets = new TreeMap<>();
        for (int b = 0; b < counts.length; b++) {
            if (counts[b] != 0) {
                buckets.put(b, counts[b]);
            }
        }
        return buckets;
    }

    static String format(Map<Integer, Long> buckets) {
        StringBuilder out = new StringBuilder();
        new TreeMap<>(buckets).forEach((bucket, count) -> out.append(out.isEmpty() ? "" : " ").append(bucket)
                .append(':').append(count));
        return out.toString();
    }

    static StepDwell empty(String step) {
        return new StepDwell(step, 0, 0, new TreeMap<>());
    }

    /** This and a row of the histogram table: its buckets, and its completed and late tasks. */
    StepDwell add(Map<Integer, Long> moreBuckets, long lateTasks) {
        Map<Integer, Long> merged = new TreeMap<>(buckets);
        long tasks = 0;
        for (Map.Entry<Integer, Long> e : moreBuckets.entrySet()) {
            merged.merge(e.getKey(), e.getValue(), Long::sum);
            tasks += e.getValue();
        }
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
