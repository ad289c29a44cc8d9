package dev.serverlesscontainers.model.load;

import dev.serverlesscontainers.model.config.ProjectConfig;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Mutated configurations, derived from the valid and the invalid corpus with a fixed seed, each end
 * in a valid model or in a {@link ConfigException} whose every error names the file and where in it
 * the problem is; never in any other exception, and never later than {@link #PER_CASE}.
 */
class ConfigFuzzTest {
    static final long SEED = 0x5cf_2026L;
    static final int CASES = 10_000;
    /** Far more than any case needs (a few milliseconds); a case that takes this long is a hang. */
    static final long PER_CASE_MS = 2000;
    static final String FILE = "fuzzed/serverless.containers.yml";

    /** Pieces that mean something to YAML, to the variable resolver, or to the binder. */
    private static final String[] TOKENS = {":", ": ", "- ", "-", "[", "]", "{", "}", ",", "&a ", "*a", "&b", "*b", "!!str ",
        "!!int ", "!!binary ", "!!map ", "!custom ", "|", ">", "|-", "'", "\"", "#", "%YAML 1.2\n", "---\n", "...\n", "\t", "\n",
        "  ", "${env:X}", "${env:MISSING}", "${env:X, fallback}", "${self:name}", "${self:containers}", "${param:greeting}",
        "${sls:stage}", "${unknown:x}", "${", "}", "$", "~", "null", "0x1F", "0o17", "1e309", "-.inf", ".nan", "true", "no",
        "yes", "99999999999999999999999", "-1", "0", "3.5", "\u0000", "\uFEFF", "\u00e9", "\ud83d\ude00", "<<: *a\n", "? ",
        "/*", "/api/*", "*", "?", "awsLambda", "awsFargateEcs", "containers", "name", "src", "./", "../", "/", "\\",
        "routing", "compute", "type", "memory", "scale", "environment", "domain", "pathPattern", "stages", "params", "x-"};
    /** Values that a key might be given. */
    private static final String[] VALUES = {"", "~", "null", "[]", "{}", "[1, 2]", "{a: b}", "0", "-5", "128", "10240", "1e3",
        "true", "\"\"", "''", "x", "a".repeat(300), "${env:X}", "${self:name}-${sls:stage}", "/*", "../outside", "./app",
        "awsLambda", "awsFargateEcs", "*a", "&a v", "!!binary aGk=", "|\n  block\n", "2012-10-17", "[[[[[[]]]]]]"};

    private static ExecutorService worker;

    @BeforeAll
    static void startWorker() {
        worker = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "config-fuzz");
            t.setDaemon(true);
            return t;
        });
    }

    @AfterAll
    static void stopWorker() {
        worker.shutdownNow();
    }

    record Seed(Path file, String text) {}

    @Test
    void everyMutatedConfigurationLoadsOrFailsWithLocatedErrors() throws Exception {
        List<Seed> seeds = seeds();
        assertThat(seeds).hasSizeGreaterThan(40);
        List<Seed> valids = seeds.stream().filter(s -> s.file().toString().contains("/valid/")).toList();
        assertThat(valids).hasSizeGreaterThanOrEqualTo(5);
        Random random = new Random(SEED);
        // what the valid corpus reads, so that its files load before they are mutated
        Map<String, String> environment = Map.of("X", "from-env", "HOME", "/root", "OPENAI_API_KEY", "sk-test", "SLACK_APP_NAME", "helper");
        int valid = 0;
        int refused = 0;
        List<String> defects = new ArrayList<>();
        for (int i = 0; i < CASES; i++) {
            // half from the few valid files, so that many mutations stay close to a valid model
            List<Seed> from = random.nextBoolean() ? valids : seeds;
            Seed seed = from.get(random.nextInt(from.size()));
            String text = mutate(seed.text(), seeds, random);
            Path projectDir = seed.file().getParent();
            Future<ProjectConfig> load = worker.submit(() -> ConfigLoader.loadText(text, FILE, projectDir, "dev", environment));
            try {
                ProjectConfig config = load.get(PER_CASE_MS, TimeUnit.MILLISECONDS);
                if (config.containers().isEmpty()) {
                    defects.add(describe(i, seed, text, "loaded as a model without containers"));
                }
                valid++;
            } catch (ExecutionException e) {
                if (e.getCause() instanceof ConfigException refusal) {
                    refused++;
                    String problem = unlocated(refusal, text);
                    if (problem != null) {
                        defects.add(describe(i, seed, text, problem));
                    }
                } else {
                    defects.add(describe(i, seed, text, "threw " + stackHead(e.getCause())));
                }
            } catch (TimeoutException e) {
                load.cancel(true);
                defects.add(describe(i, seed, text, "did not finish within " + PER_CASE_MS + " ms"));
                break; // the worker may still be stuck in it
            }
            if (defects.size() >= 5) {
                break;
            }
        }
        assertThat(defects).as("cases that ended otherwise than in a model or located errors").isEmpty();
        // a fuzzer that only ever produces one outcome tests little
        assertThat(valid).as("mutations that still load").isGreaterThan(CASES / 40);
        assertThat(refused).as("mutations that are refused").isGreaterThan(CASES / 4);
    }

    /** Why the refusal's errors are not all located, or null when they are. */
    static String unlocated(ConfigException e, String text) {
        if (e.errors().isEmpty()) {
            return "a ConfigException without errors";
        }
        long lines = text.lines().count() + 1;
        for (Problem p : e.errors()) {
            if (!p.file().equals(FILE)) {
                return "error names " + p.file() + " instead of " + FILE + ": " + p;
            }
            if (p.message() == null || p.message().isBlank()) {
                return "error without a message: " + p;
            }
            if (p.location().isKnown()) {
                if (p.location().line() > lines || p.location().column() < 1) {
                    return "error outside the text (" + lines + " lines): " + p;
                }
            } else if (!wholeFile(p)) {
                return "error without a line and column: " + p;
            }
        }
        return null;
    }

    /** The problems that concern the whole file rather than a place in it. */
    private static boolean wholeFile(Problem p) {
        return p.path().isEmpty() && (p.message().startsWith("the file is empty") || p.message().startsWith("is larger than"));
    }

    static String mutate(String text, List<Seed> seeds, Random random) {
        String out = text;
        int mutations = 1 + random.nextInt(3);
        for (int m = 0; m < mutations; m++) {
            out = mutateOnce(out, seeds, random);
        }
        return out;
    }

    private static String mutateOnce(String text, List<Seed> seeds, Random random) {
        List<String> lines = new ArrayList<>(Arrays.asList(text.split("\n", -1)));
        int at = text.isEmpty() ? 0 : random.nextInt(text.length());
        int line = random.nextInt(lines.size());
        switch (random.nextInt(10)) {
            case 0:
                return text.isEmpty() ? text : text.substring(0, at) + text.substring(at + 1);
            case 1:
                return text.substring(0, at) + pick(TOKENS, random) + text.substring(at);
            case 2:
                lines.add(line, lines.get(line));
                break;
            case 3:
                lines.remove(line);
                break;
            case 4:
                java.util.Collections.swap(lines, line, random.nextInt(lines.size()));
                break;
            case 5: {
                String l = lines.get(line);
                int shift = random.nextInt(9) - 4;
                lines.set(line, shift >= 0 ? " ".repeat(shift) + l : l.substring(Math.min(-shift, leadingSpaces(l))));
                break;
            }
            case 6: {
                String l = lines.get(line);
                int colon = l.indexOf(": ");
                lines.set(line, colon < 0 ? l + ": " + pick(VALUES, random) : l.substring(0, colon + 2) + pick(VALUES, random));
                break;
            }
            case 7: {
                List<String> other = seeds.get(random.nextInt(seeds.size())).text().lines().toList();
                if (!other.isEmpty()) {
                    lines.add(line, other.get(random.nextInt(other.size())));
                }
                break;
            }
            case 8:
                return text.substring(0, at);
            default: {
                String l = lines.get(line);
                lines.set(line, (l + "\n").repeat(1 + random.nextInt(40)).stripTrailing());
                break;
            }
        }
        return String.join("\n", lines);
    }

    private static int leadingSpaces(String l) {
        int n = 0;
        while (n < l.length() && l.charAt(n) == ' ') {
            n++;
        }
        return n;
    }

    private static String pick(String[] options, Random random) {
        return options[random.nextInt(options.length)];
    }

    private static String describe(int i, Seed seed, String text, String problem) {
        String shown = text.length() > 1500 ? text.substring(0, 1500) + "\n[... " + (text.length() - 1500) + " more characters]" : text;
        return "case " + i + " (from " + seed.file().getParent().getFileName() + "/" + seed.file().getFileName() + ", seed "
                + SEED + "): " + problem + "\n----\n" + shown + "\n----";
    }

    private static String stackHead(Throwable t) {
        StringBuilder b = new StringBuilder(t.toString());
        StackTraceElement[] trace = t.getStackTrace();
        for (int k = 0; k < Math.min(6, trace.length); k++) {
            b.append("\n    at ").append(trace[k]);
        }
        return b.toString();
    }

    static List<Seed> seeds() throws IOException, URISyntaxException {
        Path configs = Path.of(ConfigFuzzTest.class.getResource("/configs/invalid/app/.keep").toURI()).getParent().getParent().getParent();
        List<Seed> seeds = new ArrayList<>();
        try (Stream<Path> files = Files.walk(configs)) {
            for (Path f : (Iterable<Path>) files.sorted()::iterator) {
                String name = f.getFileName().toString();
                if (Files.isRegularFile(f) && (name.endsWith(".yml") || name.endsWith(".yaml"))) {
                    seeds.add(new Seed(f, Files.readString(f)));
                }
            }
        }
        return seeds;
    }
}
