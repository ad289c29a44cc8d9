package dev.serverlesscontainers.devmode.cli;

import dev.serverlesscontainers.model.config.Compute;
import dev.serverlesscontainers.model.config.ContainerConfig;
import dev.serverlesscontainers.model.load.Problem;
import dev.serverlesscontainers.model.config.ProjectConfig;
import dev.serverlesscontainers.model.naming.Names;
import dev.serverlesscontainers.model.routing.NotFound;
import dev.serverlesscontainers.model.routing.Route;
import dev.serverlesscontainers.model.routing.RoutingTable;
import java.util.ArrayList;
import java.util.List;

/**
 * The resolved model as text, for {@code scf-dev validate}. Environment values are never shown (they
 * often hold secrets); only their names are.
 */
final class ModelReport {
    private ModelReport() {}

    static String render(ProjectConfig config) {
        StringBuilder b = new StringBuilder();
        Names names = Names.of(config);
        b.append(config.name()).append(" (stage ").append(config.stage()).append("), from ").append(config.configFile()).append('\n');
        b.append("resources are named ").append(names.prefix()).append("-*, deployment ").append(config.deployment().type()).append('\n');
        config.deployment().awsVpc().ifPresent(v -> b.append("existing VPC ").append(v.id()).append('\n'));

        b.append("\ncontainers\n");
        List<String[]> rows = new ArrayList<>();
        for (ContainerConfig c : config.containers().values()) {
            rows.add(new String[] {c.name(), c.compute().type().configName(), describe(c.compute()), "src " + c.srcAsWritten()});
        }
        table(b, rows);
        for (ContainerConfig c : config.containers().values()) {
            List<String> details = new ArrayList<>();
            if (!c.environment().isEmpty()) {
                details.add("environment: " + String.join(", ", c.environment().keySet()));
            }
            c.iam().ifPresent(iam -> details.add(iam.roleArn().map(r -> "role: " + r).orElse("IAM: custom policy")));
            c.build().dockerFileString().ifPresent(d -> details.add("build: inline Dockerfile"));
            if (!c.build().options().isEmpty()) {
                details.add("build options: " + String.join(" ", c.build().options()));
            }
            c.dev().command().ifPresent(cmd -> details.add("dev command: " + cmd));
            if (!details.isEmpty()) {
                b.append("  ").append(c.name()).append(": ").append(String.join("; ", details)).append('\n');
            }
        }

        b.append("\nroutes, in the order they are tried (path first, then host, then file order; the first match wins)\n");
        List<String[]> routeRows = new ArrayList<>();
        for (Route r : RoutingTable.of(config).routes()) {
            ContainerConfig c = config.containers().get(r.container());
            routeRows.add(new String[] {r.describe(), "-> " + r.container(),
                    "health " + c.routing().pathHealthCheck() + (c.routing().healthCheckDefaulted() ? " (default)" : "")});
        }
        table(b, routeRows);
        b.append("  anything else -> ").append(NotFound.describe()).append('\n');

        if (!config.warnings().isEmpty()) {
            b.append("\nwarnings\n");
            for (Problem w : config.warnings()) {
                b.append("  ").append(w).append('\n');
            }
        }
        b.append("\nvalid: ").append(config.containers().size()).append(config.containers().size() == 1 ? " container" : " containers")
                .append('\n');
        return b.toString();
    }

    static String describe(Compute compute) {
        if (compute instanceof Compute.Lambda l) {
            return "memory " + l.memory() + " MB, timeout " + l.timeout() + " s" + (l.vpc() ? ", in VPC" : "");
        }
        Compute.Fargate f = (Compute.Fargate) compute;
        StringBuilder s = new StringBuilder("cpu " + f.cpu() + ", memory " + f.memory() + " MiB");
        Compute.Scale scale = f.scale();
        if (scale.autoscales()) {
            s.append(", ").append(scale.min().orElse(1)).append("..").append(scale.max().orElse(1)).append(" tasks");
            scale.targets().forEach(t -> s.append(", target ").append(t.metric()).append(' ').append(t.value()));
            if (!scale.steps().isEmpty()) {
                s.append(", step scaling on ").append(scale.steps().get(0).metricName());
            }
        } else {
            s.append(", ").append(scale.desiredCount()).append(scale.desiredCount() == 1 ? " task" : " tasks");
        }
        if (f.spot()) {
            s.append(", on Fargate Spot");
        }
        return s.toString();
    }

    private static void table(StringBuilder b, List<String[]> rows) {
        if (rows.isEmpty()) {
            return;
        }
        int cols = rows.get(0).length;
        int[] widths = new int[cols];
        for (String[] r : rows) {
            for (int i = 0; i < cols; i++) {
                widths[i] = Math.max(widths[i], r[i].length());
            }
        }
        for (String[] r : rows) {
            StringBuilder line = new StringBuilder("  ");
            for (int i = 0; i < cols; i++) {
                line.append(r[i]);
                if (i < cols - 1) {
                    line.append(" ".repeat(widths[i] - r[i].length() + 2));
                }
            }
            b.append(line.toString().stripTrailing()).append('\n');
        }
    }
}
