package dev.serverlesscontainers.model.config;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;

/**
 * The names of the one ACM certificate CloudFront serves the custom domains with: every distinct
 * {@code routing.domain} in the file's order; the first of at most {@value #MAX_COMMON_NAME_LENGTH}
 * characters is the common name (ACM refuses a longer one), the others are alternative names.
 * Choosing by file order keeps the common name, and so the certificate, when domains are added.
 */
public record CertificateDomains(String commonName, List<String> alternativeNames) {
    /** ACM's limit on a certificate's common name ({@code DomainName}). */
    public static final int MAX_COMMON_NAME_LENGTH = 64;
    /** ACM's default quota of names (common name included) per certificate. */
    public static final int MAX_NAMES = 10;

    public CertificateDomains {
        alternativeNames = List.copyOf(alternativeNames);
    }

    /** The distinct custom domains of the project, in the file's order. */
    public static List<String> of(ProjectConfig config) {
        LinkedHashSet<String> domains = new LinkedHashSet<>();
        config.containers().values().forEach(c -> c.routing().domain().ifPresent(domains::add));
        return List.copyOf(domains);
    }

    /** The certificate's names; empty when no domain can be its common name. */
    public static Optional<CertificateDomains> plan(List<String> domains) {
        Optional<String> common = domains.stream().filter(d -> d.length() <= MAX_COMMON_NAME_LENGTH).findFirst();
        return common.map(c -> {
            List<String> others = new ArrayList<>(domains);
            others.remove(c);
            return new CertificateDomains(c, others);
        });
    }
}
