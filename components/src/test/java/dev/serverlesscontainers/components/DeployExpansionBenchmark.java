package dev.serverlesscontainers.components;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * Benchmark 5 (not a test; run by {@code bench/deploy-expansion}): the time and heap it takes to
 * construct {@link ServerlessContainers} under Pulumi's mocks for projects of 1, 10 and 50 containers
 * (half on Lambda, half on Fargate, each with its own route and source folder), and whether that
 * grows linearly. Prints one JSON object.
 *
 * <p>Time is the wall time and the JVM's CPU time of one whole mocked deploy (component, every child,
 * the mock engine's round trips), median of several runs after warming up. Memory is the heap still reachable after a
 * full collection while the deploy's results are held, less what was reachable before, and the peak
 * heap seen during the run.
 */
public final class DeployExpansionBenchmark {
    private DeployExpansionBenchmark() {}

    record Sample(int containers, int resources, double millis, double cpuMillis, long retainedBytes, long peakBytes) {}

    public static void main(String[] args) throws IOException {
        int[] sizes = args.length > 0 ? Stream.of(args[0].split(",")).mapToInt(Integer::parseInt).toArray() : new int[] {1, 10, 50};
        int repeats = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        Path root = Files.createTempDirectory("scf-bench-expansion-");
        try {
            Path[] projects = new Path[sizes.length];
            for (int k = 0; k < sizes.length; k++) {
                projects[k] = project(root, sizes[k]);
            }
            // warm up on every size (class loading, JIT), then measure the sizes in turn, round after
            // round, so that the JIT's progress and the machine's other load fall on all sizes alike
            for (int i = 0; i < 3; i++) {
                for (int k = 0; k < sizes.length; k++) {
                    measure(projects[k], sizes[k]);
                }
            }
            StringBuilder json = new StringBuilder("{\"repeats\":").append(repeats).append(",\"samples\":[");
            List<Sample> all = new ArrayList<>();
            for (int r = 0; r < repeats; r++) {
                for (int k = 0; k < sizes.length; k++) {
                    Sample s = measure(projects[k], sizes[k]);
                    all.add(s);
                    System.err.printf(Locale.ROOT, "%3d containers: %4d resources in %7.1f ms (%7.1f ms of CPU); retained %6.1f MiB,"
                            + " peak %6.1f MiB%n", sizes[k], s.resources(), s.millis(), s.cpuMillis(), s.retainedBytes() / 1048576.0,
                            s.peakBytes() / 1048576.0);
                }
            }
            for (int i = 0; i < all.size(); i++) {
                Sample s = all.get(i);
                json.append(i == 0 ? "" : ",").append(String.format(Locale.ROOT,
                        "{\"containers\":%d,\"resources\":%d,\"millis\":%.2f,\"cpu_millis\":%.2f,\"retained_bytes\":%d,\"peak_bytes\":%d}",
                        s.containers(), s.resources(), s.millis(), s.cpuMillis(), s.retainedBytes(), s.peakBytes()));
            }
            System.out.println(json.append("]}"));
        } finally {
            try (Stream<Path> files = Files.walk(root)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private static Sample measure(Path project, int containers) {
        fullGc();
        long before = usedHeap();
        heapPools().forEach(MemoryPoolMXBean::resetPeakUsage);
        long cpuStart = processCpuNanos();
        long start = System.nanoTime();
        TestDeploy.Deployed deployed = TestDeploy.run("dev", TestDeploy.argsFor(project).build());
        double millis = (System.nanoTime() - start) / 1e6;
        double cpuMillis = (processCpuNanos() - cpuStart) / 1e6;
        long peak = heapPools().stream().mapToLong(p -> p.getPeakUsage().getUsed()).sum();
        if (!deployed.result().exceptions().isEmpty()) {
            throw new IllegalStateException("the deploy failed: " + deployed.result().exceptions());
        }
        fullGc();
        long retained = usedHeap() - before;
        int resources = deployed.aws().resources.size(); // also keeps the results reachable through the collection above
        return new Sample(containers, resources, millis, cpuMillis, retained, peak - before);
    }

    /** {@code n} containers: even ones on Lambda, odd ones on Fargate, each on /cI/* with a Node.js app of its own. */
    static Path project(Path root, int n) {
        try {
            Path dir = Files.createDirectories(root.resolve("p" + n));
            StringBuilder yaml = new StringBuilder("name: expansion\ncontainers:\n");
            for (int i = 0; i < n; i++) {
                String name = "c" + i;
                Path src = Files.createDirectories(dir.resolve(name));
                Files.writeString(src.resolve("package.json"), "{\"name\":\"" + name + "\",\"scripts\":{\"start\":\"node index.js\"}}\n");
                Files.writeString(src.resolve("index.js"), "require('http').createServer((q, s) => s.end('" + name
                        + "')).listen(process.env.PORT);\n");
                yaml.append("  ").append(name).append(":\n")
                        .append("    src: ./").append(name).append('\n')
                        .append("    routing:\n      pathPattern: /").append(name).append("/*\n")
                        .append("      pathHealthCheck: /").append(name).append("/health\n")
                        .append("    compute:\n      type: ").append(i % 2 == 0 ? "awsLambda" : "awsFargateEcs").append('\n');
            }
            Files.writeString(dir.resolve("serverless.containers.yml"), yaml.toString());
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** CPU time of the whole JVM (every thread, the JIT and the collector included): less sensitive than wall time to other load. */
    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    private static List<MemoryPoolMXBean> heapPools() {
        return ManagementFactory.getMemoryPoolMXBeans().stream().filter(p -> p.getType() == MemoryType.HEAP).toList();
    }

    private static long usedHeap() {
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    private static void fullGc() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
    }
}
