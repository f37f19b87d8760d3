package vn.motcua.bench;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.LongAdder;

/**
 * A poor man's sampling profiler: every few milliseconds it takes the stack of each worker thread
 * and files the sample under where the thread is: waiting on PostgreSQL (JDBC), in DSS, waiting on a
 * registry or the signing service over HTTP, rendering PDFs or QR
 * codes, in the engine, in motcua's own code, in Spring/Jackson, or elsewhere.
 */
final class StackSampler implements AutoCloseable {

    private final List<Thread> threads = new CopyOnWriteArrayList<>();
    private final Map<String, LongAdder> samples = new ConcurrentHashMap<>();
    private final Thread sampler;
    private volatile boolean running = true;

    StackSampler(long intervalMillis) {
        sampler = new Thread(() -> {
            while (running) {
                for (Thread thread : threads) {
                    StackTraceElement[] stack = thread.getStackTrace();
                    if (stack.length > 0) {
                        samples.computeIfAbsent(classify(stack), k -> new LongAdder()).increment();
                    }
                }
                try {
                    Thread.sleep(intervalMillis);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "bench-sampler");
        sampler.setDaemon(true);
        sampler.start();
    }

    void watch(Thread thread) {
        threads.add(thread);
    }

    static String classify(StackTraceElement[] stack) {
        boolean inWorker = false;
        boolean dss = false;
        boolean validation = false;
        boolean http = false;
        boolean lookup = false;
        boolean pdf = false;
        for (StackTraceElement frame : stack) {
            String c = frame.getClassName();
            if (c.startsWith("org.postgresql.") || c.startsWith("com.zaxxer.hikari.")) {
                return database(stack);
            }
            dss |= c.startsWith("eu.europa.esig.") || c.startsWith("org.bouncycastle.");
            validation |= c.startsWith("vn.motcua.signature.dss.DssVerification");
            http |= c.startsWith("java.net.http.") || c.startsWith("jdk.internal.net.http.");
            lookup |= c.startsWith("vn.motcua.lookup.");
            pdf |= c.startsWith("org.apache.pdfbox.") || c.startsWith("org.apache.fontbox.") || c.startsWith("com.google.zxing.")
                    || c.startsWith("vn.motcua.record.pdf.");
            inWorker |= c.startsWith("vn.motcua.bench.WorkflowBenchmark") || c.startsWith("vn.motcua.bench.BareEngine");
        }
        if (!inWorker) {
            return "idle";
        }
        // DSS uses PDFBox and may fetch revocation data: inside DSS it is DSS's time
        if (dss) {
            return validation ? "DSS validation (CPU)" : "DSS signing (CPU)";
        }
        if (http) {
            return lookup ? "registry lookups (HTTP to the sandbox)" : "remote signing (CSC v2 over HTTP)";
        }
        if (pdf) {
            return "PDF and QR rendering";
        }
        for (StackTraceElement frame : stack) { // innermost known frame
            String c = frame.getClassName();
            if (c.startsWith("org.camunda.") || c.startsWith("org.apache.ibatis.")) {
                return "engine (CPU: Camunda, MyBatis)";
            }
            if (c.startsWith("vn.motcua.") && !c.startsWith("vn.motcua.bench.")) {
                return "motcua code (CPU)";
            }
            if (c.startsWith("org.mockito.") || c.startsWith("vn.motcua.bench.InstantProviders")) {
                return "instant providers (stubs)";
            }
            if (c.startsWith("org.springframework.") || c.startsWith("com.fasterxml.")) {
                return "Spring, Jackson (CPU)";
            }
        }
        return "other (JDK, libraries)";
    }

    /** Waiting on PostgreSQL, for whom: the innermost caller is the engine (MyBatis) or motcua's own code. */
    private static String database(StackTraceElement[] stack) {
        for (StackTraceElement frame : stack) {
            String c = frame.getClassName();
            if (c.startsWith("org.camunda.") || c.startsWith("org.apache.ibatis.")) {
                return "database: engine's statements";
            }
            if (c.startsWith("vn.motcua.") && !c.startsWith("vn.motcua.bench.")) {
                return "database: motcua's statements";
            }
        }
        return "database: other (pool, transaction commit)";
    }

    /** Share of the samples per category, in percent, largest first. */
    Map<String, Double> shares() {
        long total = samples.entrySet().stream().filter(e -> !e.getKey().equals("idle"))
                .mapToLong(e -> e.getValue().sum()).sum();
        Map<String, Double> result = new LinkedHashMap<>();
        samples.entrySet().stream().filter(e -> !e.getKey().equals("idle"))
                .sorted((a, b) -> Long.compare(b.getValue().sum(), a.getValue().sum()))
                .forEach(e -> result.put(e.getKey(), WorkflowBenchmark.round(100.0 * e.getValue().sum() / total, 1)));
        return result;
    }

    long count() {
        return samples.values().stream().mapToLong(LongAdder::sum).sum();
    }

    @Override
    public void close() {
        running = false;
        sampler.interrupt();
    }
}
