package dev.serverlesscontainers.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.serverlesscontainers.e2e.SimulatedAccount.Event;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;

/**
 * One Pulumi program under the real engine, its steps run in order on a simulated account, backend and
 * plugin cache of its own (the simulated aws plugin linked there is this checkout's, whatever other
 * checkouts link): the set-up every engine test shares, up to the {@code dev} stack, and the steps
 * every program ends with once a subclass's steps (orders below 30) deployed it: an unchanged program
 * previews without changes, and destroy leaves the account as it found it.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Timeout(value = 10, unit = TimeUnit.MINUTES)
abstract class ProgramOnAccount {
    static final ObjectMapper JSON = new ObjectMapper();
    /** The folder under target/engine-tests, and what the workspace is named by. */
    final String name;
    Path workspace;
    PulumiCli pulumi;
    SimulatedAccount account;
    /** Events of operations a step made fail on purpose (by faults.json), which the account was right to refuse. */
    final Set<Long> provokedFailures = new HashSet<>();

    /** @param name the folder under target/engine-tests, and what the workspace is named by */
    ProgramOnAccount(String name) {
        this.name = name;
    }

    /** Lays out the program (and what it deploys) in {@code workspace}; returns the program's folder. */
    abstract Path layOut(Path workspace) throws IOException;

    /** What the program needs before its first stack: the package added, its dependencies installed. */
    void install() {}

    @BeforeAll
    void prepare() throws IOException {
        workspace = Workspaces.fresh(name);
        Path program = layOut(workspace);
        pulumi = new PulumiCli(Workspaces.repository(), workspace, program,
                Map.of("SCF_PULUMI_HOME", workspace.resolve("pulumi-home").toString()));
        account = new SimulatedAccount(pulumi.account());
        pulumi.ok("login");
        install();
        pulumi.ok("stack", "init", "dev");
    }

    @Test
    @Order(30)
    void anUnchangedProgramPreviewsWithoutChanges() {
        pulumi.ok("preview", "--expect-no-changes");
    }

    @Test
    @Order(100)
    void destroyLeavesTheAccountEmpty() {
        pulumi.ok("destroy", "--yes", "--skip-preview");

        List<SimulatedAccount.Resource> left = account.resources().stream().filter(r -> !r.seeded()).toList();
        assertThat(left).as("resources left in the simulated account").isEmpty();
        List<Event> failed = account.events().stream()
                .filter(event -> event.phase().equals("failed") && !provokedFailures.contains(event.seq())).toList();
        assertThat(failed).as("operations the account refused").isEmpty();
    }
}
