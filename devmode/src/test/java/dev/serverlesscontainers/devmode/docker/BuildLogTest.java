package dev.serverlesscontainers.devmode.docker;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.dockerjava.api.model.BuildResponseItem;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The progress stream as the engine's builder sends it (JSON objects), read into step, output and error. */
class BuildLogTest {
    private final List<String> echoed = new ArrayList<>();
    private final BuildLog log = new BuildLog(echoed::add);

    private void receive(String json) throws Exception {
        log.onNext(new ObjectMapper().readValue(json, BuildResponseItem.class));
    }

    @Test
    void aFailedStepIsNamedWithWhatItPrintedAndTheLayerItStartedFrom() throws Exception {
        receive("{\"stream\":\"Step 1/3 : FROM base\\n\"}");
        receive("{\"stream\":\" ---> 8fc947fb3eb7\\n\"}");
        receive("{\"stream\":\"Step 2/3 : COPY . .\\n\"}");
        receive("{\"stream\":\" ---> 1a2b3c4d5e6f\\n\"}");
        receive("{\"stream\":\"Step 3/3 : RUN make\\n\"}");
        receive("{\"stream\":\" ---> Running in 0f0f0f0f0f0f\\n\"}");
        receive("{\"stream\":\"compiling\\nhalf a \"}");
        receive("{\"stream\":\"line\\n\\u001b[91mmake: *** [all] Error 2\\n\\u001b[0m\"}");
        receive("{\"errorDetail\":{\"code\":2,\"message\":\"The command '/bin/sh -c make' returned a non-zero code: 2\"},"
                + "\"error\":\"The command '/bin/sh -c make' returned a non-zero code: 2\"}");
        log.onComplete();

        assertThat(log.lastStep()).contains("Step 3/3 : RUN make");
        assertThat(log.lastStepOutput()).containsExactly("compiling", "half a line", "make: *** [all] Error 2");
        assertThat(log.error()).contains("The command '/bin/sh -c make' returned a non-zero code: 2");
        assertThat(log.lastLayer()).contains("1a2b3c4d5e6f");
        assertThat(echoed).startsWith("Step 1/3 : FROM base").endsWith("The command '/bin/sh -c make' returned a non-zero code: 2");
    }

    @Test
    void aStepKeepsOnlyItsLastLines() throws Exception {
        receive("{\"stream\":\"Step 1/1 : RUN seq 1000\\n\"}");
        for (int i = 1; i <= 100; i++) {
            receive("{\"stream\":\"" + i + "\\n\"}");
        }
        assertThat(log.lastStepOutput()).hasSize(BuildLog.KEPT_LINES).endsWith("100").startsWith(String.valueOf(100 - BuildLog.KEPT_LINES + 1));
        assertThat(log.error()).isEmpty();
    }
}
