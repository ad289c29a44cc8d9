package dev.serverlesscontainers.components;

import com.pulumi.aws.ecr.EcrFunctions;
import com.pulumi.aws.ecr.LifecyclePolicy;
import com.pulumi.aws.ecr.LifecyclePolicyArgs;
import com.pulumi.aws.ecr.Repository;
import com.pulumi.aws.ecr.RepositoryArgs;
import com.pulumi.aws.ecr.inputs.GetAuthorizationTokenArgs;
import com.pulumi.aws.ecr.inputs.RepositoryImageScanningConfigurationArgs;
import com.pulumi.aws.ecr.outputs.GetAuthorizationTokenResult;
import com.pulumi.core.Output;
import com.pulumi.docker.Image;
import com.pulumi.docker.ImageArgs;
import com.pulumi.docker.inputs.DockerBuildArgs;
import com.pulumi.docker.inputs.RegistryArgs;
import dev.serverlesscontainers.model.config.ContainerConfig;
import dev.serverlesscontainers.model.config.Defaults;
import dev.serverlesscontainers.model.naming.ResourceKind;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A container's image: its ECR repository (emptied and removed with the stack, keeping only the
 * last {@value #IMAGES_KEPT} images meanwhile) and the image built from {@code src} with Pulumi Docker
 * and pushed there, tagged with the hash of its contents and build settings.
 */
final class ContainerImage {
    /**
     * Images a repository keeps; older ones expire. Enough for rollbacks and a compute switch in flight;
     * in the model, since it bounds the Lambda versions worth keeping ({@code deployment.awsLambda.versionsToKeep}).
     */
    static final int IMAGES_KEPT = Defaults.ECR_IMAGES_KEPT;

    final Output<String> imageUri;
    final ImageBuild build;

    private ContainerImage(Output<String> imageUri, ImageBuild build) {
        this.imageUri = imageUri;
        this.build = build;
    }

    /** ECR credentials for every push of this deploy; the password stays secret. */
    static Output<GetAuthorizationTokenResult> registryToken(DeployContext ctx) {
        return EcrFunctions.getAuthorizationToken(GetAuthorizationTokenArgs.builder().build(), ctx.invokeOptions());
    }

    static ContainerImage create(DeployContext ctx, ContainerConfig c, ImageBuild build, Output<GetAuthorizationTokenResult> token) {
        var n = ctx.names;
        String repoName = n.container(c.name(), ResourceKind.ECR_REPOSITORY);
        var repo = new Repository(repoName, RepositoryArgs.builder()
                .name(repoName)
                .forceDelete(true)
                .imageTagMutability("MUTABLE")
                .imageScanningConfiguration(RepositoryImageScanningConfigurationArgs.builder().scanOnPush(true).build())
                .tags(ctx.tags(repoName))
                .build(), ctx.options());
        new LifecyclePolicy(n.container(c.name(), ResourceKind.ECR_LIFECYCLE_POLICY), LifecyclePolicyArgs.builder()
                .repository(repo.name())
                .policy(Iam.json(Map.of("rules", List.of(Map.of(
                        "rulePriority", 1,
                        "description", "keep the last " + IMAGES_KEPT + " images",
                        "selection", Map.of("tagStatus", "any", "countType", "imageCountMoreThan", "countNumber", IMAGES_KEPT),
                        "action", Map.of("type", "expire"))))))
                .build(), ctx.options());

        build.writeDockerfile();
        var docker = DockerBuildArgs.builder()
                .context(relative(ctx, build.context()))
                .dockerfile(relative(ctx, build.dockerfile()))
                .platform(build.platform())
                .args(ctx.secretFor(c, Output.of(build.args())));
        build.target().ifPresent(docker::target);
        var image = new Image(n.container(c.name(), ResourceKind.IMAGE), ImageArgs.builder()
                .imageName(repo.repositoryUrl().applyValue(url -> url + ":" + build.tag()))
                .build(docker.build())
                .registry(RegistryArgs.builder()
                        .server(token.applyValue(GetAuthorizationTokenResult::proxyEndpoint))
                        .username(token.applyValue(GetAuthorizationTokenResult::userName))
                        .password(token.applyValue(GetAuthorizationTokenResult::password).asSecret())
                        .build())
                .build(), ctx.options());
        return new ContainerImage(image.imageName(), build);
    }

    /**
     * Paths as the Docker provider reads them, relative to the program's working directory when
     * inside it: the same project checked out elsewhere then yields the same inputs and no diff.
     */
    static String relative(DeployContext ctx, Path path) {
        Path wd = ctx.args.workingDirectory();
        Path abs = path.toAbsolutePath().normalize();
        if (abs.startsWith(wd)) {
            String rel = wd.relativize(abs).toString().replace('\\', '/');
            return rel.isEmpty() ? "." : rel;
        }
        return abs.toString();
    }
}
