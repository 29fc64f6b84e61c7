"""Zapconnect's benchmark: see bench/run and the README's "Benchmark" section.

Two Open Liberty servers on this machine: the Zapier emulator (the sandbox) alone on port 9480, and
Zapconnect on port 9580 in front of it. Each figure is measured side by side in the same run: the
sandbox called directly, then the same call through Zapconnect's browser API.
"""

import json
import os
import re
import shutil
import subprocess
import sys
import time
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), ".."))
WLP = os.path.join(ROOT, "target", "liberty", "wlp")
BENCH = os.path.join(ROOT, "bench")
WAR = os.path.join(ROOT, "target", "zapconnect.war")
DEMO_WAR = os.path.join(ROOT, "target", "zapconnect-demo.war")

ZAPIER = "http://127.0.0.1:9480/zapconnect/sandbox"
ZAPCONNECT = "http://127.0.0.1:9580/zapconnect"
PACED = "http://127.0.0.1:9580/zapconnect-paced"
ALICE = "sandbox-token-alice"
BOB = "sandbox-token-bob"
CRM = "4b3920d6-1d5a-4071-b837-9383dc511b80"
SHEETS = "81f613aa-c98a-4383-a5fc-195e68647217"
WEBHOOKS = "5d4b1a2c-8e0f-4c6b-9a77-3f2e1d0c9b8a"
WEBHOOK_ACTION = "uag:1f188536-6dd0-4172-8414-2b90914ddee9"

# What our pages send with every state-changing request (the API refuses it without).
CSRF = {"X-Zapconnect-Request": "1"}
WARMUP_S = int(os.environ.get("BENCH_WARMUP_S", "180"))
RUN_S = int(os.environ.get("BENCH_RUN_S", "30"))
TICK = os.sysconf("SC_CLK_TCK")


# ---- servers ----

def server_dir(name):
    return os.path.join(WLP, "usr", "servers", name)


def create_server(name, config, war):
    directory = server_dir(name)
    if os.path.isdir(directory):
        subprocess.run([os.path.join(WLP, "bin", "server"), "stop", name], capture_output=True)
        shutil.rmtree(directory)
    os.makedirs(os.path.join(directory, "configDropins", "overrides"))
    os.makedirs(os.path.join(directory, "apps"))
    shutil.copy(os.path.join(ROOT, "liberty", "config", "server.xml"), directory)
    shutil.copy(os.path.join(BENCH, config), os.path.join(directory, "configDropins", "overrides", "bench.xml"))
    shutil.copy(war, os.path.join(directory, "apps", "zapconnect.war"))
    with open(os.path.join(directory, "jvm.options"), "w") as options:
        options.write("-Xms512m\n-Xmx512m\n")


def start_server(name, ready_url):
    subprocess.run([os.path.join(WLP, "bin", "server"), "start", name], check=True, capture_output=True)
    deadline = time.time() + 180
    while time.time() < deadline:
        try:
            with urllib.request.urlopen(ready_url, timeout=5) as answer:
                if answer.status == 200:
                    return pid_of(name)
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            pass
        time.sleep(1)
    raise SystemExit(f"{name} did not become ready: see {server_dir(name)}/logs")


def stop_server(name):
    subprocess.run([os.path.join(WLP, "bin", "server"), "stop", name], capture_output=True)


def pid_of(name):
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/cmdline", "rb") as cmdline:
                args = cmdline.read().split(b"\0")
        except OSError:
            continue
        if any(a.endswith(b"ws-server.jar") for a in args) and name.encode() in args:
            return int(entry)
    raise SystemExit(f"no JVM found for {name}")


def cpu_seconds(pid):
    with open(f"/proc/{pid}/stat") as stat:
        fields = stat.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / TICK


def threads(pid):
    with open(f"/proc/{pid}/status") as status:
        for line in status:
            if line.startswith("Threads:"):
                return int(line.split()[1])
    return 0


# ---- HTTP ----

def http(method, url, token=None, body=None, headers=None):
    request = urllib.request.Request(url, method=method, data=body.encode() if body is not None else None)
    if token:
        request.add_header("Authorization", f"Bearer {token}")
    if body is not None:
        request.add_header("Content-Type", "application/json")
    for name, value in (headers or {}).items():
        request.add_header(name, value)
    try:
        with urllib.request.urlopen(request, timeout=30) as answer:
            return answer.status, dict(answer.headers), answer.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read().decode()


def knobs(token, changes=None):
    if changes is None:
        http("DELETE", f"{ZAPIER}/knobs", token)
        return
    status, _, body = http("PUT", f"{ZAPIER}/knobs", token, json.dumps(changes))
    if status != 200:
        raise SystemExit(f"knobs refused: {body}")


def zapier_calls():
    """Calls to apps and authentications that Zapconnect made so far, from its own metrics (the
    paced application, in the same server, calls neither)."""
    _, _, text = http("GET", "http://127.0.0.1:9580/metrics?scope=application")
    total = 0.0
    for line in text.splitlines():
        if line.startswith("zapconnect_zapier_calls_total{") and re.search(r'endpoint="(apps|authentications)"', line):
            total += float(line.rsplit(" ", 1)[1])
    return total


# ---- wrk ----

UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60000.0}


def millis(text):
    value, unit = re.match(r"([\d.]+)(us|ms|s|m)", text).groups()
    return float(value) * UNITS[unit]


def wrk(url, connections, seconds, script, args, pids=()):
    command = ["wrk", "-t", str(min(2, connections)), "-c", str(connections), "-d", f"{seconds}s", "--latency",
               "--timeout", "10s", "-s", os.path.join(BENCH, script), url, "--"] + args
    before = [cpu_seconds(pid) for pid in pids]
    output = subprocess.run(command, check=True, capture_output=True, text=True).stdout
    after = [cpu_seconds(pid) for pid in pids]
    result = {
        "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1)),
        "p50": millis(re.search(r"\s50%\s+(\S+)", output).group(1)),
        "p99": millis(re.search(r"\s99%\s+(\S+)", output).group(1)),
        "requests": int(re.search(r"(\d+) requests in", output).group(1)),
        "errors": 0,
    }
    non2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    result["non2xx"] = int(non2xx.group(1)) if non2xx else 0
    sockets = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output)
    if sockets:
        result["errors"] = sum(int(n) for n in sockets.groups())
    result["cpu_ms"] = [(a - b) * 1000 / max(1, result["requests"]) for a, b in zip(after, before)]
    return result


def direct_listing(connections, seconds, pids=()):
    return wrk(f"{ZAPIER}/v2/authentications?app={CRM}&limit=100&offset=0", connections, seconds, "get.lua",
               [f"Authorization: Bearer {ALICE}"], pids)


def proxied_listing(connections, seconds, pids=()):
    return wrk(f"{ZAPCONNECT}/api/apps/{CRM}/authentications", connections, seconds, "get.lua",
               ["Cache-Control: no-cache"], pids)


def direct_inputs(connections, seconds, pids=(), pause_ms=0.0):
    return wrk(f"{ZAPIER}/v2/actions/{WEBHOOK_ACTION}/inputs", connections, seconds, "inputs.lua",
               ['{"data": {"authentication": null, "inputs": {"n": ', '}}}', f"pause={pause_ms:.3f}",
                f"Authorization: Bearer {ALICE}"], pids)


def proxied_inputs(connections, seconds, pids=()):
    return wrk(f"{ZAPCONNECT}/api/actions/{WEBHOOK_ACTION}/inputs", connections, seconds, "inputs.lua",
               ['{"authentication": null, "inputs": {"n": ', '}}', "X-Zapconnect-Request: 1"], pids)


# ---- report ----

def row(label, direct, proxied):
    ratio = proxied["rps"] / direct["rps"] if direct["rps"] else 0
    print(f"  {label:<38} {direct['rps']:>9.1f} {proxied['rps']:>9.1f} {ratio:>6.2f}x"
          f" {direct['p50']:>8.2f} {proxied['p50']:>8.2f} {proxied['p50'] - direct['p50']:>+8.2f}"
          f" {direct['p99']:>8.2f} {proxied['p99']:>8.2f} {proxied['p99'] - direct['p99']:>+8.2f}"
          f" {direct['non2xx'] + direct['errors']:>5} {proxied['non2xx'] + proxied['errors']:>5}")


def header(title):
    print()
    print(title)
    print(f"  {'':<38} {'direct':>9} {'proxied':>9} {'ratio':>7} {'p50 d':>8} {'p50 p':>8} {'added':>8}"
          f" {'p99 d':>8} {'p99 p':>8} {'added':>8} {'err d':>5} {'err p':>5}")
    print("  (requests/s; latencies in ms; err: non-2xx answers and socket errors)")


def open_page():
    """What a page of three pickers asks of Zapconnect: the status once, then each app and its list."""
    http("GET", f"{ZAPCONNECT}/api/zapier/status")
    for app in (CRM, SHEETS, WEBHOOKS):
        status, _, body = http("GET", f"{ZAPCONNECT}/api/apps/{app}")
        if status == 200 and json.loads(body)["requiresAuthentication"]:
            http("GET", f"{ZAPCONNECT}/api/apps/{app}/authentications")


def main():
    if not os.path.isfile(WAR):
        raise SystemExit("target/zapconnect.war is missing: bench/run builds it")
    emulator_war = DEMO_WAR if os.path.isfile(DEMO_WAR) else WAR
    create_server("bench-zapier", "zapier-server.xml", emulator_war)
    create_server("bench-zapconnect", "zapconnect-server.xml", WAR)
    try:
        zapier_pid = start_server("bench-zapier", "http://127.0.0.1:9480/health/ready")
        zapconnect_pid = start_server("bench-zapconnect", "http://127.0.0.1:9580/health/ready")
        knobs(ALICE)
        knobs(BOB)
        print(f"Machine: {os.cpu_count()} cores; Open Liberty JVMs with -Xmx512m; wrk with 2 threads.")
        print(f"Zapier emulator: pid {zapier_pid}, port 9480. Zapconnect: pid {zapconnect_pid}, port 9580.")

        # Warming up: a fresh JVM on 2 cores takes minutes of load before its JIT settles. Both JVMs
        # serve the warm-up, through Zapconnect and directly, on the calls measured below.
        print(f"\nWarming up both JVMs for {WARMUP_S} s (BENCH_WARMUP_S) ...", flush=True)
        share = max(5, WARMUP_S // 4)
        proxied_inputs(16, share)
        proxied_listing(16, share)
        direct_inputs(16, share)
        direct_listing(16, share)

        pids = (zapier_pid, zapconnect_pid)
        header(f"Throughput: 64 connections, Zapier answering in 100 ms, {RUN_S} s each")
        knobs(ALICE, {"latencyMs": 100})
        row("list authentications (no-cache)", direct_listing(64, RUN_S), proxied_listing(64, RUN_S))
        row("action inputs (distinct values)", direct_inputs(64, RUN_S), proxied_inputs(64, RUN_S))
        knobs(ALICE)

        header(f"One connection, no added latency, action inputs with distinct values, {RUN_S} s each")
        direct = direct_inputs(1, RUN_S, pids)
        proxied = proxied_inputs(1, RUN_S, pids)
        row("action inputs (distinct values)", direct, proxied)
        # A JVM's CPU per request grows as its rate falls (fewer requests share each wake-up of its
        # threads), and a proxied call is served at a lower rate than the emulator alone serves one:
        # the emulator is measured again, called directly at about the proxied rate.
        # wrk waits whole milliseconds, and each wait overshoots: the pause is tuned on short trials
        # until the emulator's rate is that of the proxied call.
        gap = max(0.0, 1000 / proxied["rps"] - 1000 / direct["rps"])
        pause = gap
        for _ in range(3):
            trial = direct_inputs(1, 5, (), pause)
            achieved = max(1e-3, 1000 / trial["rps"] - 1000 / direct["rps"])
            pause = max(0.0, pause * gap / achieved)
        matched = direct_inputs(1, RUN_S, pids, pause)
        emulator_cpu = direct["cpu_ms"][0]
        matched_cpu = matched["cpu_ms"][0]
        zapconnect_cpu = proxied["cpu_ms"][1]
        print(f"  CPU per request: the emulator called directly {emulator_cpu:.3f} ms at {direct['rps']:.0f}/s,"
              f" and {matched_cpu:.3f} ms at {matched['rps']:.0f}/s (paced {pause:.2f} ms to about the proxied"
              f" rate); the emulator behind Zapconnect {proxied['cpu_ms'][0]:.3f} ms")
        print(f"  Zapconnect's JVM per proxied request {zapconnect_cpu:.3f} ms at {proxied['rps']:.0f}/s:"
              f" {zapconnect_cpu / emulator_cpu if emulator_cpu else 0:.2f}x the emulator's own at full speed,"
              f" {zapconnect_cpu / matched_cpu if matched_cpu else 0:.2f}x at about the same rate")

        print("\nZapier calls per picker open (a page of three pickers: CRM, Sheets, Webhooks)")
        before = zapier_calls()
        open_page()
        cold = zapier_calls() - before
        before = zapier_calls()
        for _ in range(5):
            open_page()
        again = (zapier_calls() - before) / 5
        print(f"  first open: {cold:.0f} calls for 3 pickers; opened again within the lists' time to live:"
              f" {again:.1f} calls a page", flush=True)
        time.sleep(31)
        before = zapier_calls()
        open_page()
        steady = zapier_calls() - before
        print(f"  after the lists' time to live (30 s): {steady:.0f} calls for 3 pickers"
              f" ({steady / 3:.2f} a picker open; apps stay cached for an hour)")

        print("\nA burst of 150 distinct calls through the default budget (60 a minute), against an emulator"
              " enforcing 60 a minute")
        knobs(BOB, {"rateLimitPerMinute": 60, "cooldownSeconds": 60})
        body = '{"authentication": null, "inputs": {"n": %d}}'
        with ThreadPoolExecutor(32) as pool:
            answers = list(pool.map(lambda n: http("POST", f"{PACED}/api/actions/{WEBHOOK_ACTION}/inputs",
                                                   body=body % n, headers=CSRF), range(150)))
        codes = {}
        for status, headers, _ in answers:
            key = str(status) + (" with Retry-After" if status == 429 and "Retry-After" in headers else "")
            codes[key] = codes.get(key, 0) + 1
        _, _, emulator = http("GET", f"{ZAPIER}/knobs", BOB)
        print(f"  answers: {codes}; 429s the emulator sent: {json.loads(emulator)['throttled']}")
        knobs(BOB)

        print("\nA single 429 with Retry-After: 1")
        knobs(ALICE, {"failure": "429", "retryAfterSeconds": 1, "failTimes": 1})
        status, _, _ = http("GET", f"{ZAPCONNECT}/api/apps/{CRM}/authentications",
                            headers={"Cache-Control": "no-cache"})
        print(f"  the caller saw: {status}")
        knobs(ALICE)

        print(f"\nZapier hanging: 64 connections for {RUN_S} s, read timeout 2 s, calls no cache can answer"
              " (action inputs with distinct values)")
        knobs(ALICE, {"failure": "hang", "hangMs": 60000})
        threads_before = threads(zapconnect_pid)
        hanging = proxied_inputs(64, RUN_S)
        threads_during = threads(zapconnect_pid)
        status, headers, body = http("GET", f"{ZAPCONNECT}/api/apps/{CRM}/authentications",
                                     headers={"Cache-Control": "no-cache"})
        print(f"  p50 {hanging['p50']:.1f} ms, p99 {hanging['p99']:.1f} ms, {hanging['requests']} answers,"
              f" {hanging['non2xx']} of them errors; Zapconnect's threads {threads_before} -> {threads_during}")
        print(f"  an answer while the circuit is open: {status}, Retry-After {headers.get('Retry-After')},"
              f" {json.loads(body).get('type') if body.startswith('{') else body[:80]}")
        knobs(ALICE)
        started = time.time()
        while time.time() - started < 60:
            status, _, _ = http("GET", f"{ZAPCONNECT}/api/apps/{CRM}/authentications",
                                headers={"Cache-Control": "no-cache"})
            if status == 200:
                break
            time.sleep(0.2)
        print(f"  Zapier answering again: service back after {time.time() - started:.1f} s"
              f" (the circuit's delay is 10 s), answer {status}")
    finally:
        stop_server("bench-zapconnect")
        stop_server("bench-zapier")


if __name__ == "__main__":
    sys.exit(main())
