"""A reverse proxy on 127.0.0.1 that lets a GET through to UPSTREAM only with `Authorization: Bearer TOKEN`.

Usage: python3 bearer_proxy.py PORT UPSTREAM TOKEN
Answers 401 to a request without the token, and logs each request's path and whether it had the token.
"""

import sys
import urllib.error
import urllib.request
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

PORT, UPSTREAM, TOKEN = int(sys.argv[1]), sys.argv[2], sys.argv[3]


class Proxy(BaseHTTPRequestHandler):
    def do_GET(self):
        authorized = self.headers.get("Authorization") == "Bearer " + TOKEN
        print(("authorized " if authorized else "unauthorized ") + self.path, flush=True)
        if not authorized:
            self.answer(401, b'{"error_code": "UNAUTHENTICATED", "message": "a bearer token is required"}')
            return
        try:
            with urllib.request.urlopen(UPSTREAM + self.path, timeout=30) as upstream:
                self.answer(upstream.status, upstream.read())
        except urllib.error.HTTPError as error:
            self.answer(error.code, error.read())

    def answer(self, status, body):
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


ThreadingHTTPServer(("127.0.0.1", PORT), Proxy).serve_forever()
