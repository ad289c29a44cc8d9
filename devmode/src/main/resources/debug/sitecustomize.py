# scf-dev --debug-port: starts debugpy in this container's Python app, on a port of the system's
# choosing (or, in Docker, on the container's port scf-dev publishes) that scf-dev reads from the line
# below and relays from the container's own port.
import os
import sys

# debugpy runs its adapter as a Python process of its own, which imports this module too; so do the
# app's own child processes. Only the first process starts a debugger.
if not os.environ.get("SCF_DEV_DEBUGPY_STARTED"):
    os.environ["SCF_DEV_DEBUGPY_STARTED"] = "1"
    try:
        import debugpy
    except ImportError:
        sys.stderr.write("scf-dev: debugpy is not installed for %s, so this app cannot be debugged; add it with: "
                         "%s -m pip install debugpy\n" % (sys.executable, sys.executable))
    else:
        # scf-dev says where: a free port of 127.0.0.1 on this machine, or a fixed port of a container it publishes
        _where = os.environ.get("SCF_DEV_DEBUG_LISTEN", "127.0.0.1:0").rpartition(":")
        _host, _port = debugpy.listen((_where[0], int(_where[2])))
        sys.stderr.write("scf-dev: debugpy listening on %s:%d\n" % (_host, _port))
        sys.stderr.flush()
