package dev.serverlesscontainers.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/**
 * examples/java under the real engine: the component in-process, as a Java program uses it (the
 * program's classes and dependencies behind one jar, see {@link JavaProgram}), through the steps of
 * {@link ExampleProgramIT}; and a container added and removed, whose route never points at an origin
 * the distribution does not have (the ordering is the component's, the same in every language).
 */
class JavaProgramIT extends ExampleProgramIT {
    JavaProgramIT() {
        super("java");
    }

    @Override
    Path layOut(Path workspace) {
        return JavaProgram.prepare(workspace);
    }

    @Test
    @Order(80)
    void aContainerAddedOrRemovedIsNeverRoutedToAnOriginTheDistributionLacks() throws IOException {
        String three = Files.readString(config());
        Files.writeString(config(), three + """

                  extra:
                    src: ./api
                    routing:
                      pathPattern: /extra/*
                      pathHealthCheck: /api/health
                """);

        long before = account.lastSeq();
        pulumi.ok("up", "--yes", "--skip-preview");
        var added = account.eventsAfter(before);
        assertThat(added).as("the distribution gains the new origin")
                .anyMatch(event -> event.type().equals("aws:cloudfront/distribution:Distribution") && event.is("end", "update"));
        assertThat(RouteWindow.missingOrigins(account.events(), "dev")).as("moments a request could go to a missing origin").isEmpty();

        Files.writeString(config(), three);
        pulumi.ok("up", "--yes", "--skip-preview");
        assertThat(RouteWindow.missingOrigins(account.events(), "dev")).as("moments a request could go to a missing origin").isEmpty();
        pulumi.ok("preview", "--expect-no-changes");
    }
}
