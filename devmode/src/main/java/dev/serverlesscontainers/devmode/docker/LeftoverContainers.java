package dev.serverlesscontainers.devmode.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.ConflictException;
import com.github.dockerjava.api.exception.DockerException;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.api.model.Image;
import com.github.dockerjava.api.model.Network;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Finds and removes what {@code scf-dev} left behind, by label: the containers and networks of runs
 * whose owning process is gone ({@code kill -9}, a crash, a reboot), and images superseded by newer
 * builds of the same container. Never touches anything without the {@link Labels#MANAGED} label (base
 * images, the user's own), nor what belongs to a process that still runs, nor an image a container uses.
 */
final class LeftoverContainers {
    private final DockerClient docker;
    private final Owner self;

    LeftoverContainers(DockerClient docker, Owner self) {
        this.docker = docker;
        this.self = self;
    }

    /** What {@link #removeDeadRuns()} removed, for the user. */
    record Removed(List<String> containers, List<String> networks, List<String> images) {
        boolean isEmpty() {
            return containers.isEmpty() && networks.isEmpty() && images.isEmpty();
        }
    }

    /**
     * Removes the containers and networks of dead runs and then, for each container those runs ran,
     * the images they would have removed on a clean exit: every image of that container but the
     * newest, which stays as the build cache the next run reuses when the sources did not change.
     * Images carry no session (a cached image serves many), so "of the dead run" is by project and
     * container; one a container still uses (a live run's) cannot be removed and stays.
     */
    Removed removeDeadRuns() {
        List<String> containers = new ArrayList<>();
        Set<List<String>> deadRunsImages = new LinkedHashSet<>();
        for (Container c : docker.listContainersCmd().withShowAll(true).withLabelFilter(Map.of(Labels.MANAGED, "true")).exec()) {
            if (ownerIsGone(c.getLabels())) {
                try {
                    docker.removeContainerCmd(c.getId()).withForce(true).withRemoveVolumes(true).exec();
                    containers.add(name(c));
                    String project = c.getLabels().get(Labels.PROJECT);
                    String container = c.getLabels().get(Labels.CONTAINER);
                    if (project != null && container != null) {
                        deadRunsImages.add(List.of(project, container));
                    }
                } catch (NotFoundException | ConflictException e) {
                    // removed meanwhile, or being removed
                }
            }
        }
        List<String> networks = new ArrayList<>();
        for (Network n : docker.listNetworksCmd().withFilter("label", List.of(Labels.MANAGED + "=true")).exec()) {
            if (ownerIsGone(n.getLabels())) {
                try {
                    docker.removeNetworkCmd(n.getId()).exec();
                    networks.add(n.getName());
                } catch (NotFoundException e) {
                    // removed meanwhile
                } catch (DockerException e) {
                    // still has endpoints of a container another process runs; its owner cleans it up
                }
            }
        }
        List<String> images = new ArrayList<>();
        for (List<String> key : deadRunsImages) {
            images.addAll(removeAllButNewestImage(key.get(0), key.get(1)));
        }
        return new Removed(containers, networks, images);
    }

    private List<String> removeAllButNewestImage(String project, String container) {
        List<Image> images = imagesOf(project, container);
        Optional<Image> newest = images.stream().max(Comparator.comparing(this::created));
        List<String> removed = new ArrayList<>();
        for (Image image : images) {
            if (newest.isPresent() && image.getId().equals(newest.get().getId())) {
                continue;
            }
            List<String> tags = tags(image);
            if (tags.isEmpty()) {
                remove(image.getId()).ifPresent(removed::add);
            }
            tags.forEach(tag -> remove(tag).ifPresent(removed::add));
        }
        return removed;
    }

    /** When the image was built, to the nanosecond (a listing has seconds only, and rebuilds can be faster). */
    private Instant created(Image image) {
        try {
            String created = docker.inspectImageCmd(image.getId()).exec().getCreated();
            return created == null ? Instant.EPOCH : Instant.parse(created);
        } catch (NotFoundException | DateTimeParseException e) {
            return image.getCreated() == null ? Instant.EPOCH : Instant.ofEpochSecond(image.getCreated());
        }
    }

    private List<Image> imagesOf(String project, String container) {
        return docker.listImagesCmd()
                .withLabelFilter(Map.of(Labels.MANAGED, "true", Labels.PROJECT, project, Labels.CONTAINER, container)).exec();
    }

    private static List<String> tags(Image image) {
        return image.getRepoTags() == null ? List.of()
                : Arrays.stream(image.getRepoTags()).filter(tag -> !tag.equals("<none>:<none>")).toList();
    }

    /** Removes an image or one of its tags unless a container uses it; the reference when it went. */
    private Optional<String> remove(String reference) {
        try {
            docker.removeImageCmd(reference).withForce(false).exec();
            return Optional.of(reference);
        } catch (NotFoundException | ConflictException e) {
            return Optional.empty(); // gone already, or a container still uses it
        }
    }

    private boolean ownerIsGone(Map<String, String> labels) {
        Optional<Owner> owner = Owner.fromLabels(labels == null ? Map.of() : labels);
        return owner.isPresent() && owner.get().isGoneAsSeenFrom(self);
    }

    /**
     * Removes the tags of the container's earlier images, keeping {@code current}; an image still in
     * use by a container (this session's old instance, another run) stays.
     */
    void removeSupersededImages(String project, String container, String current) {
        for (Image image : imagesOf(project, container)) {
            tags(image).stream().filter(tag -> !tag.equals(current)).forEach(this::remove);
        }
    }

    private static String name(Container c) {
        return c.getNames() != null && c.getNames().length > 0 ? c.getNames()[0].replaceFirst("^/", "") : c.getId().substring(0, 12);
    }
}
