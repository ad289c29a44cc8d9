"""What every benchmark shares: the machine's description, the scf-dev runner as users start it,
its control plane, wrk, and small statistics. Standard library only."""

import datetime
import glob
import json
import os
import platform
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request

BENCH = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
ROOT = os.path.dirname(BENCH)
RESULTS = os.path.join(BENCH, "results")
SCF_DEV = os.path.join(ROOT, "scf-dev")
RUNNER_JAR = os.path.join(ROOT, "devmode", "target", "scf-dev.jar")
REPORT_LUA = os.path.join(BENCH, "lib", "report.lua")


def say(*parts):
    print("bench:", *parts, file=sys.stderr, flush=True)


def need(*commands):
    missing = [c for c in commands if shutil.which(c) is None]
    if missing:
        sys.exit("bench: %s not installed; run bench/setup first" % ", ".join(missing))


def first_line(command):
    try:
        out = subprocess.run(command, capture_output=True, text=True, timeout=30)
        text = (out.stdout + out.stderr).strip()
        return text.splitlines()[0] if text else ""
    except (OSError, subprocess.TimeoutExpired):
        return "not found"


def machine():
    """What the figures were measured on: kept next to every result."""
    model = ""
    with open("/proc/cpuinfo") as f:
        for line in f:
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    with open("/proc/meminfo") as f:
        mem_kb = int(f.readline().split()[1])
    with open("/proc/loadavg") as f:
        load = f.read().split()[:3]
    return {
        "date": datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "nproc": os.cpu_count(),
        "memory_gib": round(mem_kb / 1024 / 1024, 1),
        "cpu": model,
        "kernel": platform.release(),
        "java": first_line(["java", "-version"]),
        "load_average_at_start": " ".join(load),
        "git_commit": first_line(["git", "-C", ROOT, "rev-parse", "--short", "HEAD"]),
    }


CLOCK_TICKS = os.sysconf("SC_CLK_TCK")


def load_average():
    with open("/proc/loadavg") as f:
        return float(f.read().split()[0])


def steal_ms():
    """Per CPU ("cpu0", "cpu1", ...), the milliseconds so far that the hypervisor ran something else
    while this virtual CPU had work (/proc/stat's steal column). On a shared VM a run with steal has a
    tail that is the host's, not the measured program's (BENCHMARKS.md, section 1)."""
    tick_ms = 1000.0 / CLOCK_TICKS
    out = {}
    with open("/proc/stat") as f:
        for line in f:
            parts = line.split()
            if parts and parts[0].startswith("cpu") and parts[0] != "cpu" and len(parts) > 8:
                out[parts[0]] = int(parts[8]) * tick_ms
    return out


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def build_runner():
    """Builds scf-dev's jar the way the launcher does on first use, so that no run times a build."""
    subprocess.run([SCF_DEV, "--version"], check=True, stdout=subprocess.DEVNULL)


def http_get(url, timeout=2.0, host=None):
    request = urllib.request.Request(url, headers={"Host": host} if host else {})
    with urllib.request.urlopen(request, timeout=timeout) as r:
        return r.status, r.read().decode("utf-8", "replace")


def wait_for(what, predicate, timeout=60.0, interval=0.05):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            if predicate():
                return
        except OSError:
            pass
        time.sleep(interval)
    raise RuntimeError("timed out after %.0f s waiting for %s" % (timeout, what))


class ScfDev:
    """A real `./scf-dev` run, as a user starts it, on free ports; stopped with SIGTERM (Ctrl-C)."""

    def __init__(self, config, runtime="process", debug=False, cpus=None, java_opts=None, env=None, log=None, jar=None):
        self.proxy_port = free_port()
        self.control_port = free_port()
        # jar: another build of the runner, started as the launcher starts it, to compare with (A/B)
        # (or an executable that starts one, for builds that need more on the class path)
        if jar is None:
            launcher = [SCF_DEV]
        elif jar.endswith(".jar"):
            launcher = ["sh", "-c", 'exec java -Xmx128m ${SCF_DEV_JAVA_OPTS:-} -jar "$0" "$@"', jar]
        else:
            launcher = [jar]
        command = launcher + ["--config", config, "--runtime", runtime,
                   "--port-proxy", str(self.proxy_port), "--port-control", str(self.control_port)]
        if debug:
            command.append("--debug")
        if cpus is not None:
            command = ["taskset", "-c", cpus] + command
        environment = dict(os.environ)
        environment.update(env or {})
        if java_opts is not None:
            environment["SCF_DEV_JAVA_OPTS"] = java_opts
        self.log_path = log or tempfile.mktemp(prefix="scf-dev-bench-", suffix=".log")
        self.log = open(self.log_path, "w")
        self.started = time.monotonic()
        self.process = subprocess.Popen(command, stdout=self.log, stderr=subprocess.STDOUT, env=environment,
                                        start_new_session=True)

    @property
    def proxy(self):
        return "http://127.0.0.1:%d" % self.proxy_port

    @property
    def control(self):
        return "http://127.0.0.1:%d" % self.control_port

    def containers(self):
        with urllib.request.urlopen(self.control + "/api/containers", timeout=2) as r:
            return {c["name"]: c for c in json.load(r)["containers"]}

    def wait_running(self, timeout=120.0):
        def all_running():
            if self.process.poll() is not None:
                raise RuntimeError("scf-dev exited with %s; its output is in %s" % (self.process.returncode, self.log_path))
            return all(c["status"] == "running" for c in self.containers().values())
        wait_for("every container to run", all_running, timeout)

    def jvm_pid(self):
        """The launcher execs java, so the launched process is the JVM."""
        return self.process.pid

    def stop(self):
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(30)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait()
        self.log.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.stop()


def rss_mib(pid):
    """Resident memory of one process, from the kernel."""
    with open("/proc/%d/status" % pid) as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024.0
    return float("nan")



def process_tree(pid):
    """pid and every process below it."""
    children = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open("/proc/%s/stat" % entry) as f:
                    ppid = int(f.read().rsplit(")", 1)[1].split()[1])
                children.setdefault(ppid, []).append(int(entry))
            except (OSError, IndexError, ValueError):
                pass
    tree, todo = [], [pid]
    while todo:
        p = todo.pop()
        tree.append(p)
        todo.extend(children.get(p, []))
    return tree


def cpu_split(pids):
    """User and system CPU seconds the processes have used so far (all their threads), apart."""
    user = system = 0
    for pid in pids:
        try:
            with open("/proc/%d/stat" % pid) as f:
                fields = f.read().rsplit(")", 1)[1].split()
            user += int(fields[11])
            system += int(fields[12])
        except (OSError, IndexError, ValueError):
            pass
    return user / CLOCK_TICKS, system / CLOCK_TICKS


def thread_cpu_ms(pid):
    """CPU milliseconds so far of each of the process's threads, by name (threads of one name summed)."""
    out = {}
    for task in glob.glob("/proc/%d/task/*" % pid):
        try:
            with open(task + "/comm") as f:
                name = f.read().strip()
            with open(task + "/stat") as f:
                fields = f.read().rsplit(")", 1)[1].split()
        except OSError:
            continue
        out[name] = out.get(name, 0) + (int(fields[11]) + int(fields[12])) * 1000.0 / CLOCK_TICKS
    return out


def wrk(url, connections, seconds, cpus=None, threads=1, host=None, watch=None, syscalls=False):
    """One wrk run; its figures as report.lua prints them, plus the load average around it and,
    for each named group of processes in watch, the CPU seconds they used per request (and, with
    syscalls, their system calls and context switches per request: see SyscallCounters)."""
    command = ["wrk", "-t%d" % threads, "-c%d" % connections, "-d%ds" % seconds, "--latency", "-s", REPORT_LUA]
    if host:
        command += ["-H", "Host: " + host]
    command.append(url)
    if cpus is not None:
        command = ["taskset", "-c", cpus] + command
    before = load_average()
    steal_before = steal_ms()
    watch = {name: pids for name, pids in (watch or {}).items() if pids}
    cpu_before = {name: cpu_split(pids) for name, pids in watch.items()}
    counters = {name: PerfCounters(pids, seconds) for name, pids in watch.items()} if PerfCounters.available() else {}
    calls = {name: SyscallCounters(pids, seconds) for name, pids in watch.items()} if syscalls and SyscallCounters.available() else {}
    out = subprocess.run(command, capture_output=True, text=True, timeout=seconds + 60)
    if out.returncode != 0:
        raise RuntimeError("wrk failed: " + out.stderr)
    result = json.loads(out.stdout.strip().splitlines()[-1])
    result["rps"] = result["requests"] / (result["duration_us"] / 1e6)
    cpu_after = {name: cpu_split(pids) for name, pids in watch.items()}
    per_request = 1e6 / max(result["requests"], 1)
    result["cpu_us_per_request"] = {name: sum(cpu_after[name]) * per_request - sum(cpu_before[name]) * per_request for name in watch}
    # apart: the kernel's share (system calls, the network stack) against the process's own code
    result["user_cpu_us_per_request"] = {name: (cpu_after[name][0] - cpu_before[name][0]) * per_request for name in watch}
    result["system_cpu_us_per_request"] = {name: (cpu_after[name][1] - cpu_before[name][1]) * per_request for name in watch}
    # perf counted the whole run too: per request, what the process itself executed, whatever else ran
    result["instructions_per_request"] = {}
    result["cycles_per_request"] = {}
    for name, c in counters.items():
        instructions, cycles = c.finish()
        result["instructions_per_request"][name] = instructions / max(result["requests"], 1)
        result["cycles_per_request"][name] = cycles / max(result["requests"], 1)
    if calls:
        result["syscalls_per_request"] = {name: {event: n / max(result["requests"], 1) for event, n in c.finish().items()}
                                          for name, c in calls.items()}
    steal_after = steal_ms()
    result["steal_ms"] = {cpu: steal_after[cpu] - steal_before.get(cpu, 0) for cpu in steal_after}
    result["load_before"] = before
    result["load_after"] = load_average()
    return result


class PerfStat:
    """perf stat counting a subclass's EVENTS on running processes for the length of a run."""

    EVENTS = ()
    _available = None

    @classmethod
    def available(cls):
        if cls._available is None:
            cls._available = shutil.which("perf") is not None and subprocess.run(
                ["perf", "stat", "-e", ",".join(cls.EVENTS), "true"], capture_output=True).returncode == 0
        return cls._available

    def __init__(self, pids, seconds):
        self.out = tempfile.NamedTemporaryFile(mode="r", suffix=".perf", delete=False)
        self.process = subprocess.Popen(["perf", "stat", "-x", ",", "-e", ",".join(self.EVENTS), "-o", self.out.name,
                                         "-p", ",".join(str(p) for p in pids), "--", "sleep", str(seconds)],
                                        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)

    def counts(self):
        """Each event's count, by the name perf gives it."""
        self.process.wait(60)
        values = {}
        for line in self.out.read().splitlines():
            parts = line.split(",")
            if len(parts) > 2 and parts[0].strip().isdigit():
                values[parts[2]] = int(parts[0])
        self.out.close()
        os.unlink(self.out.name)
        return values


class PerfCounters(PerfStat):
    """Instructions and cycles, user and kernel. Unlike time, these do not grow when other programs
    share the CPU, so two builds can be compared on a busy machine."""

    EVENTS = ("instructions", "cycles")

    def finish(self):
        values = {name.split(":")[0]: n for name, n in self.counts().items()}
        return values.get("instructions", 0), values.get("cycles", 0)


class SyscallCounters(PerfStat):
    """The kernel's tracepoints and software events: all system calls, the ones a relay makes per
    request by name, and context switches. Like instructions, these counts do not grow when the
    hypervisor or other programs take the CPU, and unlike them they are countable in a VM without
    hardware counters. Counting costs each system call a little time, so runs that count are for
    counting, not for timing."""

    TOTAL = "raw_syscalls:sys_enter"
    NAMED = ("read", "write", "readv", "writev", "recvfrom", "sendto", "recvmsg", "sendmsg", "epoll_wait",
             "epoll_pwait", "epoll_pwait2", "epoll_ctl", "futex", "accept4", "connect", "close", "timerfd_settime", "sched_yield",
             "mprotect", "madvise")
    SOFTWARE = ("context-switches", "cpu-migrations", "page-faults")
    EVENTS = (TOTAL,) + tuple("syscalls:sys_enter_" + n for n in NAMED) + SOFTWARE

    def finish(self):
        """Counts by short name: "syscalls" for all of them, each named call, and the software events."""
        return {"syscalls" if name == self.TOTAL else name.split(":")[-1].replace("sys_enter_", ""): n
                for name, n in self.counts().items()}


def median(values):
    return statistics.median(values) if values else float("nan")


def percentile(values, p):
    ordered = sorted(values)
    if not ordered:
        return float("nan")
    k = (len(ordered) - 1) * p / 100.0
    low = int(k)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (k - low)


def save(name, data):
    """Writes the raw figures to bench/results/NAME-DATE.json and returns the path."""
    os.makedirs(RESULTS, exist_ok=True)
    stamp = datetime.datetime.now(datetime.timezone.utc).strftime("%Y%m%dT%H%M%SZ")
    path = os.path.join(RESULTS, "%s-%s.json" % (name, stamp))
    with open(path, "w") as f:
        json.dump(data, f, indent=1)
        f.write("\n")
    return path


class Background(threading.Thread):
    """Runs a function on a daemon thread and keeps its result or error."""

    def __init__(self, target):
        super().__init__(daemon=True)
        self._target_fn = target
        self.result = None
        self.error = None

    def run(self):
        try:
            self.result = self._target_fn()
        except BaseException as e:  # reported by the caller
            self.error = e


def epoch_seconds(instant):
    """Java's Instant.toString() (2026-11-22T12:00:00.123456Z) as epoch seconds."""
    date, _, rest = instant.rstrip("Z").partition("T")
    clock, _, fraction = rest.partition(".")
    whole = datetime.datetime.fromisoformat(date + "T" + clock).replace(tzinfo=datetime.timezone.utc).timestamp()
    return whole + (float("0." + fraction) if fraction else 0.0)


class LogEvents(threading.Thread):
    """Reads scf-dev's log stream (server-sent events from the control plane) into a list, each line
    with the time scf-dev stamped it with."""

    def __init__(self, control_url):
        super().__init__(daemon=True)
        self.url = control_url + "/api/logs"
        self.events = []
        self.lock = threading.Lock()
        self.connected = threading.Event()
        self.start()
        if not self.connected.wait(10):
            raise RuntimeError("could not open " + self.url)

    def run(self):
        with urllib.request.urlopen(self.url, timeout=3600) as stream:
            self.connected.set()
            for raw in stream:
                line = raw.decode("utf-8", "replace").rstrip("\n")
                if line.startswith("data: "):
                    event = json.loads(line[6:])
                    event["at"] = epoch_seconds(event["time"])
                    with self.lock:
                        self.events.append(event)

    def since(self, at):
        with self.lock:
            return [e for e in self.events if e["at"] >= at]

    def wait_for(self, what, predicate, after, timeout=30.0):
        """The first event at or after `after` that satisfies predicate."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            for e in self.since(after):
                if predicate(e):
                    return e
            time.sleep(0.005)
        raise RuntimeError("timed out waiting for " + what)
