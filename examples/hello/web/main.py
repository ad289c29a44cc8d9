"""A dependency-free web site. It listens on PORT, on every interface, as containers must."""
import html
import json
import os
import signal
import sys
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

PORT = int(os.environ.get("PORT", "8080"))
TITLE = os.environ.get("SITE_TITLE", "Hello")


class Handler(BaseHTTPRequestHandler):
    def do_GET(self):
        if self.path == "/health":
            self._send(200, "application/json", json.dumps({"ok": True}))
            return
        page = f"<!doctype html><title>{html.escape(TITLE)}</title><h1>{html.escape(TITLE)}</h1><p>You asked for {html.escape(self.path)}</p>"
        self._send(200, "text/html; charset=utf-8", page)

    def _send(self, status, content_type, body):
        data = body.encode()
        self.send_response(status)
        self.send_header("content-type", content_type)
        self.send_header("content-length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, fmt, *args):
        print(json.dumps({"level": "info", "msg": fmt % args}), flush=True)


if __name__ == "__main__":
    server = ThreadingHTTPServer(("0.0.0.0", PORT), Handler)
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    print(f"web listening on {PORT}", flush=True)
    server.serve_forever()
