# scf-dev --debug-port: starts debugpy in this container's Python app, on a port of the system's
# choosing that scf-dev reads from the line below and relays from the container's own port.
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
        _host, _port = debugpy.listen(("127.0.0.1", 0))
        sys.stderr.write("scf-dev: debugpy listening on 127.0.0.1:%d\n" % _port)
        sys.stderr.flush()
