package dev.serverlesscontainers.devmode.testing;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * Clients that send GET requests through the proxy one after the other, each on a thread of its own,
 * until closed: the continuous load under which reloads must fail no request. Every answer that is
 * not a 200 (or no answer) is a failure; every 200 is summed up by {@code label} (a version, say).
 */
public final class LoadClients implements AutoCloseable {
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final AtomicInteger answered = new AtomicInteger();
    private final List<String> failures = new CopyOnWriteArrayList<>();
    private final List<List<String>> labelsByClient = new ArrayList<>();
    private final List<Thread> threads = new ArrayList<>();

    /**
     * @param label what to remember of a 200 answer's body, in the order each client got them
     */
    public LoadClients(int port, String host, String path, int clients, Function<String, String> label) {
        for (int c = 0; c < clients; c++) {
            List<String> labels = new CopyOnWriteArrayList<>();
            labelsByClient.add(labels);
            Thread t = new Thread(() -> {
                while (running.get()) {
                    try {
                        RawHttp.Response r = RawHttp.get(port, host, path);
                        if (r.status() == 200) {
                            String l = label.apply(r.text());
                            if (labels.isEmpty() || !labels.get(labels.size() - 1).equals(l)) {
                                labels.add(l);
                            }
                            answered.incrementAndGet();
                        } else {
                            failures.add(path + " -> " + r.status() + " " + (r.header("x-scf-dev-reason") == null ? r.text()
                                    : r.header("x-scf-dev-reason")));
                        }
                    } catch (Exception e) {
                        failures.add(path + " -> " + e);
                    }
                }
            }, "load-" + c);
            t.setDaemon(true);
            t.start();
            threads.add(t);
        }
    }

    /** Waits until at least {@code n} requests were answered with 200 in all. */
    public void awaitAnswered(int n, Duration timeout) {
        int target = answered.get() + n;
        Await.until(n + " more answered requests (failures so far: " + failures + ")", timeout, () -> answered.get() >= target);
    }

    /**
     * Waits until every client's latest answer is labelled {@code label}: after a switch, a client
     * whose request was in flight on the old version (waiting for a cold start, say) counts only
     * once an answer from the new one reached it, however many answers the others got meanwhile.
     */
    public void awaitEveryClientOn(String label, Duration timeout) {
        Await.until("every client to get answers labelled " + label + ": " + sequences(), timeout,
                () -> sequences().stream().allMatch(s -> !s.isEmpty() && s.get(s.size() - 1).equals(label)));
    }

    public int answered() {
        return answered.get();
    }

    public List<String> failures() {
        return List.copyOf(failures);
    }

    /** Each client's labels in the order it saw them, repeats folded: [v1, v2, v4]. */
    public List<List<String>> sequences() {
        return labelsByClient.stream().map(List::copyOf).toList();
    }

    /** Stops sending and waits for the requests in flight. */
    @Override
    public void close() throws InterruptedException {
        running.set(false);
        for (Thread t : threads) {
            t.join(35_000);
        }
    }
}
