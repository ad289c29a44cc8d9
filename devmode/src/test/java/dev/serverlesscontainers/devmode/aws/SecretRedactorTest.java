package dev.serverlesscontainers.devmode.aws;

import static org.assertj.core.api.Assertions.assertThat;

import dev.serverlesscontainers.devmode.runtime.LogSink;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SecretRedactorTest {
    final SecretRedactor redactor = new SecretRedactor();

    @Test
    void masksEveryKnownValueWhereverItIs() {
        redactor.register("wJalrXUtnFEMI/K7MDENG");
        redactor.register("ASIAEXAMPLE123456");
        assertThat(redactor.redact("key ASIAEXAMPLE123456 secret=wJalrXUtnFEMI/K7MDENG twice wJalrXUtnFEMI/K7MDENG"))
                .isEqualTo("key **** secret=**** twice ****");
        assertThat(redactor.redact("nothing secret")).isEqualTo("nothing secret");
        assertThat(redactor.redact(null)).isNull();
    }

    @Test
    void aSecretContainingAnotherIsMaskedWhole() {
        redactor.register("TOKENPART");
        redactor.register("PREFIX-TOKENPART-SUFFIX");
        assertThat(redactor.redact("x PREFIX-TOKENPART-SUFFIX y")).isEqualTo("x **** y");
    }

    @Test
    void shortAndBlankValuesAreNotSecrets() {
        redactor.register("abc");
        redactor.register("   ");
        redactor.register(null);
        assertThat(redactor.size()).isZero();
        assertThat(redactor.redact("abc")).isEqualTo("abc");
    }

    @Test
    void logLinesAndReportsAreMaskedOnTheirWay() {
        redactor.register("SECRET-VALUE-1234");
        List<String> lines = new ArrayList<>();
        LogSink sink = redactor.redacting((LogSink) (c, id, s, text) -> lines.add(c + " " + text));
        sink.line("api", "pid 1", LogSink.Stream.STDOUT, "AWS_SECRET_ACCESS_KEY=SECRET-VALUE-1234");
        AwsReporter reporter = redactor.redacting((AwsReporter) (severity, m) -> lines.add(severity + " " + m));
        reporter.report(AwsReporter.Severity.WARNING, "AWS said SECRET-VALUE-1234");
        assertThat(lines).containsExactly("api AWS_SECRET_ACCESS_KEY=****", "WARNING AWS said ****");
        assertThat(redactor.toString()).isEqualTo("SecretRedactor[1 values known]");
    }

    @Test
    void credentialsAndTheirEnvironmentPrintNoValue() {
        TemporaryCredentials c = new TemporaryCredentials("ASIAKEYID00000001", "secret-access-key-0001", "session-token-0001",
                Instant.parse("2030-01-01T00:00:00Z"));
        assertThat(c.toString()).isEqualTo("TemporaryCredentials[expires 2030-01-01T00:00:00Z, values hidden]");
        assertThat(c.environment("eu-west-1").toString()).isEqualTo("[AWS_ACCESS_KEY_ID, AWS_CREDENTIAL_EXPIRATION, AWS_DEFAULT_REGION, "
                + "AWS_REGION, AWS_SECRET_ACCESS_KEY, AWS_SESSION_TOKEN] (values hidden)");
        c.registerWith(redactor);
        assertThat(redactor.size()).isEqualTo(3);
    }
}
