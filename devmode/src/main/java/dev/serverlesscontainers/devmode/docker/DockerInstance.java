package dev.serverlesscontainers.devmode.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.exception.ConflictException;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.exception.NotModifiedException;
import com.github.dockerjava.api.model.WaitResponse;
import dev.serverlesscontainers.devmode.runtime.Instance;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * A running container: its log stream followed into the sink, its exit awaited. Stopping it is the
 * engine's stop (SIGTERM, then SIGKILL after the grace period) followed by removal.
 */
final class DockerInstance implements Instance {
    /** The exit code reported when the engine could not say (the container vanished). */
    static final int UNKNOWN_EXIT = -1;

    private final DockerClient docker;
    private final String containerId;
    private final String image;
    private final InetSocketAddress address;
    private final LogLines logs;
    private final CompletableFuture<Integer> exited = new CompletableFuture<>();
    private final Consumer<DockerInstance> onRemoved;
    private boolean removed;

    DockerInstance(DockerClient docker, String containerId, String image, InetSocketAddress address, LogLines logs,
                   Consumer<DockerInstance> onRemoved) {
        this.docker = docker;
        this.containerId = containerId;
        this.image = image;
        this.address = address;
        this.logs = logs;
        this.onRemoved = onRemoved;
    }

    /** The image it was started from. */
    String image() {
        return image;
    }

    /** Follows the logs and the exit; called once the container runs. */
    void follow() {
        docker.logContainerCmd(containerId).withFollowStream(true).withStdOut(true).withStdErr(true).exec(logs);
        docker.waitContainerCmd(containerId).exec(new ResultCallback.Adapter<WaitResponse>() {
            @Override
            public void onNext(WaitResponse response) {
                exited.complete(response.getStatusCode() == null ? UNKNOWN_EXIT : response.getStatusCode());
            }

            @Override
            public void onError(Throwable throwable) {
                exited.complete(UNKNOWN_EXIT);
                super.onError(throwable);
            }

            @Override
            public void onComplete() {
                exited.complete(UNKNOWN_EXIT);
                super.onComplete();
            }
        });
    }

    String containerId() {
        return containerId;
    }

    @Override
    public String id() {
        return containerId.substring(0, Math.min(12, containerId.length()));
    }

    @Override
    public InetSocketAddress address() {
        return address;
    }

    @Override
    public CompletionStage<Integer> exited() {
        return exited;
    }

    @Override
    public Optional<String> listeningProblem() {
        return exited.isDone() ? Optional.empty() : ContainerSockets.problem(docker, containerId);
    }

    @Override
    public synchronized void stop(Duration grace) {
        if (removed) {
            return;
        }
        int seconds = (int) Math.max(0, Math.min(Integer.MAX_VALUE, (grace.toMillis() + 999) / 1000));
        try {
            docker.stopContainerCmd(containerId).withTimeout(seconds).exec();
        } catch (NotModifiedException | NotFoundException e) {
            // already stopped, or already gone
        }
        try {
            // the exit is known once the container has stopped; wait briefly so logs and exit code are complete
            exited.get(5, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            // not waiting any longer: removing it ends the wait
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            // a followed log stream ends when the container stops: drain its last lines (the app's
            // goodbye) before removing the container, which would cut the stream short
            logs.awaitCompletion(5, TimeUnit.SECONDS);
        } catch (RuntimeException e) {
            // a broken stream has nothing more to give
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            docker.removeContainerCmd(containerId).withForce(true).withRemoveVolumes(true).exec();
        } catch (NotFoundException e) {
            // gone already
        } catch (ConflictException e) {
            // removal already in progress (another caller)
        }
        exited.complete(UNKNOWN_EXIT);
        removed = true;
        onRemoved.accept(this);
    }
}
