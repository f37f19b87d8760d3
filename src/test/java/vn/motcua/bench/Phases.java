package vn.motcua.bench;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/** Wall time per phase of a case, summed over all worker threads (nanoseconds). */
final class Phases {

    private final Map<String, LongAdder> nanos = new ConcurrentHashMap<>();
    private final java.util.List<String> order = new java.util.concurrent.CopyOnWriteArrayList<>();

    /** Adds the time since {@code since} to the phase; returns now. */
    long add(String phase, long since) {
        long now = System.nanoTime();
        nanos.computeIfAbsent(phase, p -> {
            order.add(p);
            return new LongAdder();
        }).add(now - since);
        return now;
    }

    /** Milliseconds per case of each phase, in the order first seen. */
    Map<String, Double> perCaseMillis(long cases) {
        Map<String, Double> result = new LinkedHashMap<>();
        for (String phase : order) {
            result.put(phase, nanos.get(phase).sum() / 1e6 / Math.max(1, cases));
        }
        return result;
    }
}
