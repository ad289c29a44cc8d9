package dev.serverlesscontainers.model.load;

import dev.serverlesscontainers.model.config.Defaults;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The one production-stage rule the component and scf-dev share. */
class ProductionStageTest {
    @Test
    void theDefaultsAreProdAndProductionInAnyCase() {
        assertThat(Defaults.isProductionStage("prod", Defaults.PRODUCTION_STAGES)).isTrue();
        assertThat(Defaults.isProductionStage("Production", Defaults.PRODUCTION_STAGES)).isTrue();
        assertThat(Defaults.isProductionStage("dev", Defaults.PRODUCTION_STAGES)).isFalse();
        assertThat(Defaults.isProductionStage("prod-eu", Defaults.PRODUCTION_STAGES)).as("whole names only").isFalse();
    }

    @Test
    void aCustomListReplacesTheDefaults() {
        List<String> custom = List.of("live", "Main");
        assertThat(Defaults.isProductionStage("live", custom)).isTrue();
        assertThat(Defaults.isProductionStage("LIVE", custom)).isTrue();
        assertThat(Defaults.isProductionStage("main", custom)).isTrue();
        assertThat(Defaults.isProductionStage("prod", custom)).isFalse();
        assertThat(Defaults.isProductionStage("prod", List.of())).isFalse();
    }
}
