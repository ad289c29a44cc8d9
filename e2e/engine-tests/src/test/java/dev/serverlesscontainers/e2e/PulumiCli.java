package dev.serverlesscontainers.e2e;

import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The real {@code pulumi} CLI as a user runs it: in a shell that sourced {@code e2e/pulumi-env}, in the
 * program's folder, on this test's own backend and simulated AWS account. Each command's output is kept
 * in a log file under the test's folder, named after its order, so a failure can be read afterwards,
 * and its wall time is a line of {@code logs/timings.txt}, to see where a test's time goes.
 */
final class PulumiCli {
    /** What one command did. */
    record Result(List<String> command, int exitCode, String stdout, String stderr) {
        String output() {
            return stdout + stderr;
        }
    }

    private static final Duration COMMAND_TIMEOUT = Duration.ofMinutes(6);

    private final Path repository;
    private final Path logs;
    private final Map<String, String> environment = new java.util.HashMap<>();
    private Path directory;
    private int commands;

    PulumiCli(Path repository, Path workspace, Path programDirectory, Map<String, String> extraEnvironment) throws IOException {
        this.repository = repository;
        this.directory = programDirectory;
        this.logs = Files.createDirectories(workspace.resolve("logs"));
        Path backend = Files.createDirectories(workspace.resolve("backend"));
        Path account = Files.createDirectories(workspace.resolve("account"));
        environment.put("SCF_PULUMI_BACKEND", backend.toString());
        environment.put("SCF_AWS_SIM_STATE", account.toString());
        environment.put("PULUMI_CONFIG_PASSPHRASE", "engine-tests");
        environment.putAll(extraEnvironment);
    }

    /** Later commands run with the variable {@code name} set to {@code value}. */
    PulumiCli with(String name, String value) {
        environment.put(name, value);
        return this;
    }

    Path account() {
        return Path.of(environment.get("SCF_AWS_SIM_STATE"));
    }

    /** Later commands run in {@code directory} (a second program on the same account). */
    PulumiCli in(Path directory) {
        this.directory = directory;
        return this;
    }

    /** Runs {@code pulumi ARGS...} and fails the test, with everything it printed, unless it exits with 0. */
    Result ok(String... args) {
        Result result = run(args);
        if (result.exitCode() != 0) {
            fail("pulumi %s exited with %d:%n%s", String.join(" ", args), result.exitCode(), tail(result.output()));
        }
        return result;
    }

    /** Runs {@code pulumi ARGS...}; the caller judges the exit code. */
    Result run(String... args) {
        var command = new ArrayList<String>(List.of("bash", "-c", ". \"$0/e2e/pulumi-env\" && exec pulumi \"$@\"", repository.toString()));
        command.addAll(List.of(args));
        return execute(command, args);
    }

    /** Runs a shell script in the same environment (the simulator's own commands, say); fails unless it exits with 0. */
    Result shell(String script) {
        var command = List.of("bash", "-c", ". \"$0/e2e/pulumi-env\" && " + script, repository.toString());
        Result result = execute(command, new String[] {"sh", script.split(" ")[0]});
        if (result.exitCode() != 0) {
            fail("%s exited with %d:%n%s", script, result.exitCode(), tail(result.output()));
        }
        return result;
    }

    private Result execute(List<String> command, String[] args) {
        int number = ++commands;
        String name = String.format("%02d-%s", number, String.join("-", args).replaceAll("[^A-Za-z0-9.-]+", "_"));
        Path out = logs.resolve(name.substring(0, Math.min(name.length(), 80)) + ".out");
        Path err = logs.resolve(name.substring(0, Math.min(name.length(), 80)) + ".err");
        try {
            var builder = new ProcessBuilder(command).directory(directory.toFile())
                    .redirectOutput(out.toFile()).redirectError(err.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
            builder.environment().putAll(environment);
            long started = System.nanoTime();
            Process process = builder.start();
            boolean finished = process.waitFor(COMMAND_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            recordTime(name, finished ? String.valueOf(process.exitValue()) : "timeout", System.nanoTime() - started);
            if (!finished) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
                fail("pulumi %s did not finish within %s; its output is in %s", String.join(" ", args), COMMAND_TIMEOUT, out);
            }
            return new Result(List.copyOf(command), process.exitValue(),
                    Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalStateException("could not run pulumi " + String.join(" ", args), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while pulumi " + String.join(" ", args) + " ran", e);
        }
    }

    private void recordTime(String command, String exit, long nanos) throws IOException {
        String line = String.format(java.util.Locale.ROOT, "%6.1f s  exit %-7s %s%n", nanos / 1e9, exit, command);
        Files.writeString(logs.resolve("timings.txt"), line, StandardCharsets.UTF_8,
                java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
    }

    private static String tail(String output) {
        String[] lines = output.split("\n", -1);
        int from = Math.max(0, lines.length - 80);
        return String.join("\n", java.util.Arrays.copyOfRange(lines, from, lines.length));
    }
}
