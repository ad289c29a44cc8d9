"""The project the reload benchmarks run: one Node.js container answering with its version."""

import os
import shutil

import benchlib as b

# the local base image .ci/setup builds (nothing can be pulled here)
DOCKER_BASE = "scf-local/bookworm-node-python:2"


def reload_project(dir, name="reloadbench"):
    """A project with one Node.js container, app/, whose answer is the content of app/version.txt."""
    shutil.copytree(os.path.join(b.BENCH, "apps", "reload"), os.path.join(dir, "app"))
    path = os.path.join(dir, "serverless.containers.yml")
    with open(path, "w") as f:
        f.write("""name: %s
containers:
  app:
    src: ./app
    routing:
      pathPattern: /*
      pathHealthCheck: /health
    compute:
      type: awsFargateEcs
    dev:
      command: node server.js
""" % name)
    return path


def write_version(dir, version):
    with open(os.path.join(dir, "app", "version.txt"), "w") as f:
        f.write(version + "\n")
