package dev.serverlesscontainers.devmode.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.serverlesscontainers.model.config.Defaults;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** The options as a command that mixes them in parses and documents them. */
class AwsOptionsTest {

    @Command(name = "dev", mixinStandardHelpOptions = true)
    static final class Dev {
        @Mixin
        AwsOptions aws = new AwsOptions();
    }

    private static AwsOptions parse(String... args) {
        Dev dev = new Dev();
        new CommandLine(dev).parseArgs(args);
        return dev.aws;
    }

    @Test
    void defaultsUseTheUsualChain() throws Exception {
        AwsSettings s = parse().settings(Map.of("AWS_PROFILE", "team"));
        assertThat(s.enabled()).isTrue();
        assertThat(s.profile()).as("AWS_PROFILE is read where the chain is built, not turned into a flag").isEmpty();
        assertThat(s.stackOutputs()).isEmpty();
        assertThat(s.stsEndpoint()).isEmpty();
        assertThat(s.sessionDuration()).isEqualTo(AwsSettings.SESSION_DURATION);
        assertThat(s.environment()).containsEntry("AWS_PROFILE", "team");
    }

    @Test
    void flagsAreCarriedIntoTheSettings() throws Exception {
        AwsSettings s = parse("--aws-profile", "dev", "--stack-outputs", "out/dev.json").settings(Map.of());
        assertThat(s.profile()).contains("dev");
        assertThat(s.stackOutputs()).contains(Path.of("out/dev.json"));
        assertThat(parse("--no-aws", "--aws-profile", "dev").settings(Map.of()).enabled()).isFalse();
    }

    @Test
    void productionStagesDefaultToTheComponentsAndTakeACommaSeparatedList() throws Exception {
        assertThat(parse().settings(Map.of()).productionStages()).isEqualTo(Defaults.PRODUCTION_STAGES);
        AwsSettings custom = parse("--production-stages", "live, main").settings(Map.of());
        assertThat(custom.productionStages()).containsExactly("live", "main");
        assertThat(custom.isProductionStage("live")).isTrue();
        assertThat(custom.isProductionStage("prod")).isFalse();
        assertThatThrownBy(() -> parse("--production-stages", "live,,main").settings(Map.of()))
                .isInstanceOf(AwsSetupException.class)
                .hasMessage("--production-stages: expected stage names (letters, digits, - and _) separated by commas, such as "
                        + "prod,live (got live,,main)");
    }

    @Test
    void helpShowsDefaultsAndEnvironmentFallbacks() {
        String help = new CommandLine(new Dev()).getUsageMessage(CommandLine.Help.Ansi.OFF).replaceAll("\\s+", " ");
        assertThat(help).contains("--no-aws", "--stack-outputs=FILE", "--aws-profile=NAME")
                .contains("pulumi stack output --json > FILE")
                .contains("env AWS_ACCESS_KEY_ID", "AWS_PROFILE", "profile default")
                .contains("AWS_REGION", "AWS_DEFAULT_REGION", "us-east-1")
                .contains("(default: assume them when the stage is deployed)", "(default: none;")
                .contains("--production-stages=STAGE[,STAGE...]", "productionStages");
        assertThat(help.replace(" ", "")).as("the help's default is the model's")
                .contains("(default:" + String.join(",", Defaults.PRODUCTION_STAGES) + ")");
    }
}
