#!/usr/bin/env python3
"""A fake WhatsApp Cloud API for bench/messages.sh, on 127.0.0.1 only. It checks each request's shape (path, bearer
token, JSON fields of a template message) and answers as Meta does; wrong requests get 400 and are counted. Prints
its port on the first line; on SIGTERM prints "ok=N bad=M"."""
import json, signal, sys, threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

TOKEN, PHONE_ID, VERSION = sys.argv[1], sys.argv[2], sys.argv[3]
lock = threading.Lock()
counts = {"ok": 0, "bad": 0}

class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    # One write per response and no Nagle: headers and body written apart on a kept-alive connection waited for the
    # client's delayed ACK (about 40 ms), which capped the first runs at ~22 messages/s whatever the site did.
    disable_nagle_algorithm = True
    wbufsize = 1 << 16

    def do_POST(self):
        body = self.read_body()
        good = self.path == f"/{VERSION}/{PHONE_ID}/messages" and self.headers.get("Authorization") == f"Bearer {TOKEN}"
        try:
            m = json.loads(body)
            good = good and m.get("messaging_product") == "whatsapp" and m.get("to", "").isdigit() \
                and m.get("type") == "template" and m["template"]["name"] and m["template"]["language"]["code"]
        except (ValueError, KeyError, TypeError):
            good = False
        with lock:
            counts["ok" if good else "bad"] += 1
            n = counts["ok"] + counts["bad"]
        out = json.dumps({"messaging_product": "whatsapp", "messages": [{"id": f"wamid.bench{n}"}]} if good
                         else {"error": {"message": "bad request", "code": 100}}).encode()
        self.send_response(200 if good else 400)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(out)))
        self.end_headers()
        self.wfile.write(out)

    def read_body(self):
        # The site's HttpClient sends JSON chunked (JsonContent has no length up front).
        if self.headers.get("Transfer-Encoding", "").lower() != "chunked":
            return self.rfile.read(int(self.headers.get("Content-Length", "0")))
        body = b""
        while True:
            size = int(self.rfile.readline().split(b";")[0].strip(), 16)
            if size == 0:
                self.rfile.readline()
                return body
            body += self.rfile.read(size)
            self.rfile.readline()

    def log_message(self, *args):
        pass

server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
server.daemon_threads = True
print(server.server_address[1], flush=True)

def stop(*_):
    print(f"ok={counts['ok']} bad={counts['bad']}", flush=True)
    sys.exit(0)

signal.signal(signal.SIGTERM, stop)
server.serve_forever()
