package dev.serverlesscontainers.devmode.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.ConflictException;
import com.github.dockerjava.api.exception.DockerException;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.api.model.Image;
import com.github.dockerjava.api.model.Network;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Finds and removes what {@code scf-dev} left behind, by label: the containers and networks of runs
 * whose owning process is gone ({@code kill -9}, a crash, a reboot), and images superseded by newer
 * builds of the same container. Never touches anything without the {@link Labels#MANAGED} label, nor
 * what belongs to a process that still runs.
 */
final class Leftovers {
    private final DockerClient docker;
    private final Owner self;

    Leftovers(DockerClient docker, Owner self) {
        this.docker = docker;
        this.self = self;
    }

    /** What {@link #removeDeadRuns()} removed, for the user. */
    record Removed(List<String> containers, List<String> networks) {
        boolean isEmpty() {
            return containers.isEmpty() && networks.isEmpty();
        }
    }

    Removed removeDeadRuns() {
        List<String> containers = new ArrayList<>();
        for (Container c : docker.listContainersCmd().withShowAll(true).withLabelFilter(Map.of(Labels.MANAGED, "true")).exec()) {
            if (ownerIsGone(c.getLabels())) {
                try {
                    docker.removeContainerCmd(c.getId()).withForce(true).withRemoveVolumes(true).exec();
                    containers.add(name(c));
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
        return new Removed(containers, networks);
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
        List<Image> images = docker.listImagesCmd()
                .withLabelFilter(Map.of(Labels.MANAGED, "true", Labels.PROJECT, project, Labels.CONTAINER, container)).exec();
        for (Image image : images) {
            if (image.getRepoTags() == null) {
                continue;
            }
            for (String tag : image.getRepoTags()) {
                if (!tag.equals(current) && !tag.equals("<none>:<none>")) {
                    try {
                        docker.removeImageCmd(tag).withForce(false).exec();
                    } catch (NotFoundException | ConflictException e) {
                        // gone already, or a container still uses it
                    }
                }
            }
        }
    }

    private static String name(Container c) {
        return c.getNames() != null && c.getNames().length > 0 ? c.getNames()[0].replaceFirst("^/", "") : c.getId().substring(0, 12);
    }
}
