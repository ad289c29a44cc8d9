package dev.serverlesscontainers.components;

import com.pulumi.aws.Provider;
import com.pulumi.aws.acm.Certificate;
import com.pulumi.aws.acm.CertificateArgs;
import com.pulumi.aws.acm.CertificateValidation;
import com.pulumi.aws.acm.CertificateValidationArgs;
import com.pulumi.aws.acm.outputs.CertificateDomainValidationOption;
import com.pulumi.aws.cloudfront.Distribution;
import com.pulumi.aws.route53.Record;
import com.pulumi.aws.route53.RecordArgs;
import com.pulumi.aws.route53.Route53Functions;
import com.pulumi.aws.route53.inputs.GetZoneArgs;
import com.pulumi.aws.route53.inputs.RecordAliasArgs;
import com.pulumi.aws.route53.enums.RecordType;
import com.pulumi.core.Either;
import com.pulumi.core.Output;
import dev.serverlesscontainers.model.config.CertificateDomains;
import dev.serverlesscontainers.model.naming.ResourceKind;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Custom domains ({@code routing.domain}): one ACM certificate in us-east-1, where CloudFront reads
 * certificates, naming every domain ({@link CertificateDomains}: a common name ACM accepts, the rest as
 * alternative names); its DNS validation records; and A and AAAA alias records to the
 * distribution, each in the Route 53 hosted zone of its domain.
 */
final class CustomDomains {
    static final String CERTIFICATE_REGION = CertificateProvider.REGION;

    final List<String> domains;
    private final DeployContext ctx;
    private final Map<String, Output<String>> zoneIds = new LinkedHashMap<>();

    private CustomDomains(DeployContext ctx, List<String> domains) {
        this.ctx = ctx;
        this.domains = domains;
    }

    static CustomDomains of(DeployContext ctx) {
        return new CustomDomains(ctx, CertificateDomains.of(ctx.config));
    }

    boolean any() {
        return !domains.isEmpty();
    }

    /** The validated certificate's ARN, for the distribution. */
    Output<String> certificate() {
        var n = ctx.names;
        var usEast1 = new Provider(n.project(CERTIFICATE_REGION, ResourceKind.PROVIDER), CertificateProvider.args(), ctx.options());
        String certName = n.project(ResourceKind.CERTIFICATE);
        // the model refuses a file whose domains leave no common name ACM accepts
        CertificateDomains names = CertificateDomains.plan(domains).orElseThrow();
        var cert = new Certificate(certName, CertificateArgs.builder()
                .domainName(names.commonName())
                .subjectAlternativeNames(names.alternativeNames())
                .validationMethod("DNS")
                .keyAlgorithm("RSA_2048")
                .tags(ctx.tags(certName))
                .build(), ctx.withProvider(usEast1));
        // *.example.com and example.com share one validation record
        LinkedHashSet<String> validated = new LinkedHashSet<>();
        domains.forEach(d -> validated.add(d.startsWith("*.") ? d.substring(2) : d));
        List<Output<String>> fqdns = new ArrayList<>();
        for (String domain : validated) {
            Output<CertificateDomainValidationOption> option = cert.domainValidationOptions().applyValue(options -> options.stream()
                    .filter(o -> o.domainName().map(d -> d.equals(domain) || d.equals("*." + domain)).orElse(false))
                    .findFirst()
                    .orElseThrow(() -> new IllegalStateException("ACM returned no validation option for " + domain)));
            var record = new Record(n.project("validation-" + domain, ResourceKind.DNS_RECORD), RecordArgs.builder()
                    .zoneId(zoneId(domain))
                    .name(option.applyValue(o -> o.resourceRecordName().orElseThrow()))
                    .type(option.applyValue(o -> Either.<String, RecordType>ofLeft(o.resourceRecordType().orElseThrow())))
                    .records(option.applyValue(o -> List.of(o.resourceRecordValue().orElseThrow())))
                    .ttl(300)
                    .allowOverwrite(true)
                    .build(), ctx.options());
            fqdns.add(record.fqdn());
        }
        var validation = new CertificateValidation(n.project(ResourceKind.CERTIFICATE_VALIDATION), CertificateValidationArgs.builder()
                .certificateArn(cert.arn())
                .validationRecordFqdns(Output.all(fqdns))
                .build(), ctx.withProvider(usEast1));
        return validation.certificateArn();
    }

    /** A and AAAA aliases from every domain to the distribution. */
    void aliases(Distribution distribution) {
        for (String domain : domains) {
            for (String type : List.of("A", "AAAA")) {
                new Record(ctx.names.project(type + "-" + domain, ResourceKind.DNS_RECORD), RecordArgs.builder()
                        .zoneId(zoneId(domain))
                        .name(domain)
                        .type(type)
                        .aliases(RecordAliasArgs.builder()
                                .name(distribution.domainName())
                                .zoneId(distribution.hostedZoneId())
                                .evaluateTargetHealth(false)
                                .build())
                        .build(), ctx.options());
            }
        }
    }

    /**
     * The hosted zone a domain's records go in: the longest of {@code hostedZones} the domain ends
     * with, else the domain's last two labels ({@code admin.hello.example.com} is in {@code example.com}).
     */
    static String zoneName(String domain, List<String> hostedZones) {
        String d = domain.startsWith("*.") ? domain.substring(2) : domain;
        Optional<String> configured = hostedZones.stream()
                .map(z -> z.toLowerCase(java.util.Locale.ROOT).replaceFirst("\\.$", ""))
                .filter(z -> d.equals(z) || d.endsWith("." + z))
                .max(java.util.Comparator.comparingInt(String::length));
        if (configured.isPresent()) {
            return configured.get();
        }
        String[] labels = d.split("\\.");
        return labels.length <= 2 ? d : labels[labels.length - 2] + "." + labels[labels.length - 1];
    }

    private Output<String> zoneId(String domain) {
        String zone = zoneName(domain, ctx.args.hostedZones());
        return zoneIds.computeIfAbsent(zone, z -> Route53Functions.getZone(
                GetZoneArgs.builder().name(z).privateZone(false).build(), ctx.invokeOptions()).applyValue(r -> r.zoneId()));
    }
}
