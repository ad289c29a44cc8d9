package dev.serverlesscontainers.devmode.supervisor;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class StepTimesTest {
    private static final Pattern LINE = Pattern.compile(
            "steps: hook ([\\d.]+) ms, start ([\\d.]+) ms, health check ([\\d.]+) ms, switch ([\\d.]+) ms; ([\\d.]+) ms in all");

    @Test
    void theStepsAddUpToTheWholeAndEachTakesWhatPassedBeforeItsMark() throws InterruptedException {
        StepTimes steps = new StepTimes();
        steps.hookDone();
        Thread.sleep(20);
        steps.started();
        Thread.sleep(40);
        steps.healthy();
        steps.switched();
        Matcher m = LINE.matcher(steps.describe());
        assertThat(m.matches()).as(steps.describe()).isTrue();
        double hook = Double.parseDouble(m.group(1));
        double start = Double.parseDouble(m.group(2));
        double health = Double.parseDouble(m.group(3));
        double switching = Double.parseDouble(m.group(4));
        double all = Double.parseDouble(m.group(5));
        assertThat(start).isGreaterThanOrEqualTo(20);
        assertThat(health).isGreaterThanOrEqualTo(40);
        assertThat(hook + start + health + switching).isCloseTo(all, org.assertj.core.data.Offset.offset(0.25));
    }
}
