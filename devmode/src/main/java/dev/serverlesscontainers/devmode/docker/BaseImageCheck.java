package dev.serverlesscontainers.devmode.docker;

import dev.serverlesscontainers.devmode.runtime.StartFailure;
import dev.serverlesscontainers.model.config.ContainerConfig;
import dev.serverlesscontainers.model.config.ProjectConfig;
import dev.serverlesscontainers.model.image.BaseImages;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Before a run picks Docker: are the base images its containers start from on this engine, or can
 * they be pulled? Mounted apps run in a base image, or in an image of their dependencies built FROM
 * one; apps built from the generated Dockerfile (and not built before) start FROM base images. A Dockerfile of the user's own is left to its build, which
 * names the step that fails. Missing images are pulled here, which the first start would do anyway.
 */
final class BaseImageCheck {
    private BaseImageCheck() {}

    private static final Pattern FROM = Pattern.compile("^\\s*FROM\\s+(?:--platform=\\S+\\s+)?(\\S+)(?:\\s+AS\\s+(\\S+))?\\s*$",
            Pattern.CASE_INSENSITIVE);

    /**
     * Pulls the base images of {@code project} that the engine lacks.
     *
     * @return why the project cannot run on this engine (an image that is neither there nor pullable,
     *     and the variable that picks another), or empty when every base image is there
     */
    static Optional<String> ensure(DockerEngine engine, ProjectConfig project, BaseImages images, Consumer<String> notices) {
        ImageBuilder builder = new ImageBuilder(engine.client());
        Map<String, List<String>> users = new LinkedHashMap<>();
        for (ContainerConfig container : project.containers().values()) {
            for (String image : baseImagesOf(project, container, images, engine.sharesFilesWithThisMachine(), builder)) {
                users.computeIfAbsent(image, i -> new ArrayList<>()).add(container.name());
            }
        }
        for (Map.Entry<String, List<String>> e : users.entrySet()) {
            String image = e.getKey();
            if (builder.imageId(image).isPresent()) {
                continue;
            }
            String who = image + " (for " + String.join(", ", e.getValue()) + ")";
            notices.accept("pulling the base image " + who);
            try {
                builder.ensurePresent(e.getValue().get(0), image, variableOf(image, images));
            } catch (StartFailure failure) {
                // "container api: the base image X is not ..." -> "the base image X (for api, admin) is not ..."
                String reason = failure.getMessage().substring(failure.getMessage().indexOf(": ") + 2);
                return Optional.of(reason.replaceFirst(Pattern.quote(image), Matcher.quoteReplacement(who)));
            }
        }
        return Optional.empty();
    }

    private static List<String> baseImagesOf(ProjectConfig project, ContainerConfig container, BaseImages images, boolean mount,
            ImageBuilder builder) {
        RunPlan plan;
        try {
            plan = RunPlan.of(project.name(), container, images, mount);
        } catch (StartFailure nothingToRun) {
            return List.of(); // its start says why
        }
        if (plan instanceof RunPlan.MountedSource mounted) {
            if (mounted.dependencies().isEmpty()) {
                return List.of(mounted.image());
            }
            plan = mounted.dependencies().get(); // built FROM the base image
        }
        RunPlan.BuiltImage built = (RunPlan.BuiltImage) plan;
        if (!built.generated() || built.dockerfile().isEmpty() || builder.imageId(built.imageName()).isPresent()) {
            return List.of();
        }
        return fromImages(built.dockerfile().get());
    }

    /** The images a Dockerfile starts FROM, without the names of its own earlier stages. */
    static List<String> fromImages(String dockerfile) {
        List<String> out = new ArrayList<>();
        Set<String> stages = new HashSet<>();
        for (String line : dockerfile.lines().toList()) {
            Matcher m = FROM.matcher(line);
            if (!m.matches()) {
                continue;
            }
            String image = m.group(1);
            if (!stages.contains(image.toLowerCase(Locale.ROOT)) && !out.contains(image)) {
                out.add(image);
            }
            if (m.group(2) != null) {
                stages.add(m.group(2).toLowerCase(Locale.ROOT));
            }
        }
        return out;
    }

    private static String variableOf(String image, BaseImages images) {
        if (image.equals(images.node())) {
            return BaseImages.NODE_VARIABLE;
        }
        if (image.equals(images.python())) {
            return BaseImages.PYTHON_VARIABLE;
        }
        if (image.equals(images.javaBuild())) {
            return BaseImages.JAVA_BUILD_VARIABLE;
        }
        return BaseImages.JAVA_VARIABLE;
    }
}
