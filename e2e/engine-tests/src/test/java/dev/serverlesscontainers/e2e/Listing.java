package dev.serverlesscontainers.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * The resources the component's mock tests record for an example (examples/hello/resources.dev.txt,
 * kept current by components' ExampleListingTest): each header line names one resource's type and name.
 */
final class Listing {
    private static final Pattern HEADER = Pattern.compile("^([a-z][\\w-]*:[\\w/.-]+:\\w+)\\s+(\\S+)$");

    private Listing() {}

    static Set<String> resources(Path listing) {
        try {
            var resources = new TreeSet<String>();
            for (String line : Files.readAllLines(listing)) {
                var header = HEADER.matcher(line);
                if (header.matches()) {
                    resources.add(header.group(1) + "  " + header.group(2));
                }
            }
            return resources;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
