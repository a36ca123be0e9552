#!/usr/bin/env python3
"""The fault proxy's throughput as a plain client sees it, against direct loopback.

A sender process streams BYTES in 1 MiB writes over one TCP connection to a sink process that
reads 1 MiB at a time and answers one byte when it has everything. Each pair is one run direct to
the sink and one through a proxy (no toxic) in front of it, interleaved, so that the machine's
mood of the moment weighs on both sides of a ratio alike. It prints each pair and the median and
spread of the ratios.

    python3 fault-proxy/bench/stream.py                  # starts fault-proxy/target/fault-proxy.jar
    python3 fault-proxy/bench/stream.py --api 127.0.0.1:8474   # any Toxiproxy-compatible server

Only Python's standard library; the proxy is made and deleted through the HTTP API.
"""
import argparse
import json
import multiprocessing
import os
import socket
import statistics
import struct
import subprocess
import sys
import time
import urllib.request

CHUNK = 1 << 20


def sink(listener):
    """Accepts connections one at a time; reads the announced length, then answers one byte."""
    buffer = bytearray(CHUNK)
    view = memoryview(buffer)
    while True:
        conn, _ = listener.accept()
        with conn:
            header = b""
            while len(header) < 8:
                part = conn.recv(8 - len(header))
                if not part:
                    break
                header += part
            if len(header) < 8:
                continue
            (left,) = struct.unpack(">q", header)
            while left > 0:
                got = conn.recv_into(view, min(CHUNK, left))
                if got == 0:
                    break
                left -= got
            conn.sendall(b"k")


def send(port, total):
    """Streams total bytes in 1 MiB writes; returns MiB/s from the first byte to the receipt."""
    payload = b"\0" * CHUNK
    with socket.create_connection(("127.0.0.1", port)) as conn:
        started = time.perf_counter()
        conn.sendall(struct.pack(">q", total))
        left = total
        while left > 0:
            piece = payload if left >= CHUNK else payload[:left]
            conn.sendall(piece)
            left -= len(piece)
        if conn.recv(1) != b"k":
            raise SystemExit("error: the sink did not confirm the transfer")
        return total / (time.perf_counter() - started) / CHUNK


def api(base, method, path, body=None):
    data = None if body is None else json.dumps(body).encode()
    request = urllib.request.Request(base + path, data=data, method=method)
    with urllib.request.urlopen(request, timeout=10) as response:
        text = response.read()
        return json.loads(text) if text else None


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(jar):
    if not os.path.exists(jar):
        raise SystemExit(f"error: {jar} is missing; build it: ./mvnw -q -pl fault-proxy package -DskipTests")
    port = free_port()
    process = subprocess.Popen(
        ["java", "-jar", jar, "--host", "127.0.0.1", "--port", str(port)],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            api(base, "GET", "/version")
            return process, base
        except OSError:
            time.sleep(0.1)
    process.kill()
    raise SystemExit("error: the fault proxy did not answer within 30 s")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--api", help="host:port of a running Toxiproxy-compatible server")
    parser.add_argument("--jar", default="fault-proxy/target/fault-proxy.jar")
    parser.add_argument("--mib", type=int, default=512, help="MiB per run (default 512)")
    parser.add_argument("--pairs", type=int, default=5, help="direct/proxy pairs (default 5)")
    args = parser.parse_args()
    if args.mib <= 0 or args.pairs <= 0:
        parser.error("--mib and --pairs must be positive")

    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(1)
    sink_port = listener.getsockname()[1]
    sink_process = multiprocessing.Process(target=sink, args=(listener,), daemon=True)
    sink_process.start()

    server = None
    if args.api:
        base = "http://" + args.api
    else:
        server, base = start_server(args.jar)
    name = f"stream-bench-{os.getpid()}"
    try:
        proxy = api(base, "POST", "/proxies",
                    {"name": name, "listen": "127.0.0.1:0", "upstream": f"127.0.0.1:{sink_port}"})
        proxy_port = int(proxy["listen"].rsplit(":", 1)[1])
        total = args.mib * CHUNK
        send(sink_port, total)  # one warm-up each way
        send(proxy_port, total)
        ratios = []
        print(f"{args.mib} MiB per run in 1 MiB writes, {args.pairs} interleaved pairs")
        for pair in range(1, args.pairs + 1):
            direct = send(sink_port, total)
            proxied = send(proxy_port, total)
            ratios.append(proxied / direct)
            print(f"  pair {pair}: direct {direct:7.0f} MiB/s  proxy {proxied:7.0f} MiB/s  ratio {ratios[-1]:.2f}")
        print(f"ratio median {statistics.median(ratios):.2f}  min {min(ratios):.2f}  max {max(ratios):.2f}")
    finally:
        try:
            api(base, "DELETE", f"/proxies/{name}")
        except OSError:
            pass
        if server:
            server.terminate()
            server.wait(10)
        sink_process.terminate()


if __name__ == "__main__":
    sys.exit(main())
