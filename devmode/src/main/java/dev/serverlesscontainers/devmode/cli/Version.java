package dev.serverlesscontainers.devmode.cli;

import picocli.CommandLine;

/** The version from the jar's manifest (the Maven project version), or "development" in an IDE. */
public final class Version implements CommandLine.IVersionProvider {
    public static String current() {
        String v = Version.class.getPackage().getImplementationVersion();
        return v == null ? "development" : v;
    }

    @Override
    public String[] getVersion() {
        return new String[] {"scf-dev " + current()};
    }
}
