package dev.serverlesscontainers.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;

/**
 * What the AWS simulator (e2e/aws-simulator) keeps in an account folder: the resources that exist
 * ({@code state.json}) and the ordered log of every create, update, replace and delete
 * ({@code events.jsonl}). Read after a command, never during one.
 */
final class SimulatedAccount {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One resource that exists in the account: its physical name (when AWS names it) and the program's URN. */
    record Resource(String type, String name, String id, String urn) {
        /** The name the program gave the resource (its URN's last part). */
        String logicalName() {
            return urn.substring(urn.lastIndexOf("::") + 2);
        }

        /** Put into the account by the simulator itself ({@code seed-network}): a user's own, not the stack's. */
        boolean seeded() {
            return urn.startsWith("urn:scf-aws-simulator:seed::");
        }
    }

    /** One line of the event log. */
    record Event(long seq, String phase, String operation, String type, String urn, String id, JsonNode detail) {
        String name() {
            return urn.substring(urn.lastIndexOf("::") + 2);
        }

        boolean is(String phase, String operation) {
            return this.phase.equals(phase) && this.operation.equals(operation);
        }
    }

    private final Path folder;

    SimulatedAccount(Path folder) {
        this.folder = folder;
    }

    List<Resource> resources() {
        Path state = folder.resolve("state.json");
        if (!Files.exists(state)) {
            return List.of();
        }
        var resources = new ArrayList<Resource>();
        for (JsonNode record : read(state).path("records")) {
            resources.add(new Resource(record.path("type").asText(), record.path("name").asText(),
                    record.path("id").asText(), record.path("urn").asText()));
        }
        return resources;
    }

    /**
     * The names by which AWS tells {@code stack}'s named resources apart: type, region, what the name is
     * unique within (a VPC for a security group, a function for its alias, ...) and the name itself.
     */
    Set<String> physicalNames(String stack) {
        Path state = folder.resolve("state.json");
        var names = new TreeSet<String>();
        if (Files.exists(state)) {
            for (JsonNode record : read(state).path("records")) {
                if (record.path("urn").asText().startsWith("urn:pulumi:" + stack + "::") && !record.path("name").asText().isEmpty()) {
                    names.add(String.join("  ", record.path("type").asText(), record.path("region").asText(),
                            record.path("scope").asText(), record.path("name").asText()));
                }
            }
        }
        return names;
    }

    /** Writes the account's {@code faults.json}: what should go wrong from the next operation on (see the simulator's README). */
    void faults(String json) {
        try {
            Files.writeString(folder.resolve("faults.json"), json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Nothing goes wrong any more. */
    void noFaults() {
        faults("{}");
    }

    List<Event> events() {
        Path log = folder.resolve("events.jsonl");
        if (!Files.exists(log)) {
            return List.of();
        }
        try {
            var events = new ArrayList<Event>();
            for (String line : Files.readAllLines(log)) {
                if (line.isBlank()) {
                    continue;
                }
                JsonNode event = JSON.readTree(line);
                events.add(new Event(event.path("seq").asLong(), event.path("phase").asText(), event.path("operation").asText(),
                        event.path("type").asText(), event.path("urn").asText(), event.path("id").asText(), event.path("detail")));
            }
            return events;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Events after {@code seq} (the log's position before the command a test looks at). */
    List<Event> eventsAfter(long seq) {
        return events().stream().filter(event -> event.seq() > seq).toList();
    }

    long lastSeq() {
        List<Event> events = events();
        return events.isEmpty() ? 0 : events.get(events.size() - 1).seq();
    }

    static Optional<Event> first(List<Event> events, Predicate<Event> which) {
        return events.stream().filter(which).findFirst();
    }

    static Optional<Event> last(List<Event> events, Predicate<Event> which) {
        return events.stream().filter(which).reduce((a, b) -> b);
    }

    private static JsonNode read(Path file) {
        try {
            return JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
