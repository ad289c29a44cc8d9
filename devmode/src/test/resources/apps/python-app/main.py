"""A test app for scf-dev: answers on PORT."""
import json
import os
import signal
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

HERE = os.path.dirname(os.path.abspath(__file__))
with open(os.path.join(HERE, "version.txt")) as f:
    VERSION = f.read().strip()


class Handler(BaseHTTPRequestHandler):
    def do_GET(self):
        path = self.path.split("?")[0]
        if path == "/health":
            self._send(200, "ok")
        elif path == "/version":
            self._send(200, VERSION)
        elif path == "/slow":
            time.sleep(0.3)
            self._send(200, VERSION)
        elif path == "/crash":
            self._send(200, "crashing")
            threading.Timer(0.01, lambda: os._exit(1)).start()
        else:
            self._send(200, VERSION + " GET " + path)

    def _send(self, status, body):
        data = body.encode()
        self.send_response(status)
        self.send_header("content-type", "text/plain")
        self.send_header("content-length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, fmt, *args):
        pass


if __name__ == "__main__":
    server = ThreadingHTTPServer(("0.0.0.0", int(os.environ["PORT"])), Handler)
    server.daemon_threads = True
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    print(json.dumps({"level": "info", "msg": "listening", "version": VERSION}), flush=True)
    server.serve_forever()
