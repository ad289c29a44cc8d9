package dev.serverlesscontainers.model.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** AWS Fargate's valid cpu / memory combinations (memory in MiB). */
public final class FargateSizes {
    private FargateSizes() {}

    public static final List<Integer> CPUS = List.of(256, 512, 1024, 2048, 4096, 8192, 16384);

    private static final Map<Integer, List<Integer>> MEMORY_BY_CPU = Map.of(
            256, List.of(512, 1024, 2048),
            512, gibRange(1, 4, 1),
            1024, gibRange(2, 8, 1),
            2048, gibRange(4, 16, 1),
            4096, gibRange(8, 30, 1),
            8192, gibRange(16, 60, 4),
            16384, gibRange(32, 120, 8));

    /** The memory values allowed for a cpu value, ascending; empty for an invalid cpu. */
    public static List<Integer> memoryFor(int cpu) {
        return MEMORY_BY_CPU.getOrDefault(cpu, List.of());
    }

    public static boolean isValid(int cpu, int memory) {
        return memoryFor(cpu).contains(memory);
    }

    /** "512, 1024, 2048" or "2048 to 8192 in steps of 1024", for messages. */
    public static String describeMemoryFor(int cpu) {
        List<Integer> m = memoryFor(cpu);
        if (m.size() <= 4) {
            return String.join(", ", m.stream().map(String::valueOf).toList());
        }
        return m.get(0) + " to " + m.get(m.size() - 1) + " in steps of " + (m.get(1) - m.get(0));
    }

    private static List<Integer> gibRange(int fromGib, int toGib, int stepGib) {
        List<Integer> out = new ArrayList<>();
        for (int g = fromGib; g <= toGib; g += stepGib) {
            out.add(g * 1024);
        }
        return List.copyOf(out);
    }
}
