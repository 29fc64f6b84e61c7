"""Zapconnect's benchmark, the cluster part: see bench/run and bench/README.md.

The cluster test bed of `mvn verify -Pcluster` (PostgreSQL, the Zapier emulator in a JVM of its own,
two Zapconnect servers behind HAProxy, TLS at the balancer), started by io.zapconnect.cluster.ClusterMain.
Side by side in the same run: the two servers through the balancer against one server called
directly; the budget kept in the database against the budget kept in memory.
"""

import http.cookiejar
import json
import os
import ssl
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from concurrent.futures import ThreadPoolExecutor

import bench

ROOT = bench.ROOT
EMULATOR = "http://127.0.0.1:9480"
BALANCER = "https://localhost:9543"
NODE = "http://127.0.0.1:9481"
BOB = "sandbox-token-bob"
ALICE = "sandbox-token-alice"
WARMUP_S = int(os.environ.get("BENCH_CLUSTER_WARMUP_S", os.environ.get("BENCH_WARMUP_S", "120")))
RUN_S = bench.RUN_S
# The balancer's certificate is the test bed's own, made for the run.
UNVERIFIED = ssl.create_default_context()
UNVERIFIED.check_hostname = False
UNVERIFIED.verify_mode = ssl.CERT_NONE


def inputs(base, connections, seconds, pause_ms=0.0):
    return bench.wrk(f"{base}/api/actions/{bench.WEBHOOK_ACTION}/inputs", connections, seconds, "inputs.lua",
                     ['{"authentication": null, "inputs": {"n": ', '}}', f"pause={pause_ms:.3f}",
                      "X-Zapconnect-Request: 1"])


def emulator_knobs(context, token, changes=None):
    url = f"{EMULATOR}/{context}/sandbox/knobs"
    if changes is None:
        return bench.http("DELETE", url, token)
    status, _, body = bench.http("PUT", url, token, json.dumps(changes))
    if status != 200:
        raise SystemExit(f"knobs refused: {body}")
    return status, None, body


def sign_in(context, user):
    """The user's sign-in cookie, from the FORM login through the balancer."""
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPSHandler(context=UNVERIFIED),
                                         urllib.request.HTTPCookieProcessor(jar))
    opener.open(f"{BALANCER}/{context}/signin", timeout=30).read()
    form = urllib.parse.urlencode({"j_username": user, "j_password": f"{user}-cluster"}).encode()
    opener.open(f"{BALANCER}/{context}/j_security_check", data=form, timeout=30).read()
    cookies = {c.name: c.value for c in jar}
    if "LtpaToken2" not in cookies:
        raise SystemExit(f"{user} could not sign in")
    return "LtpaToken2=" + cookies["LtpaToken2"]


def post(url, body, cookie):
    request = urllib.request.Request(url, data=body.encode(), method="POST", headers={
        "Content-Type": "application/json", "X-Zapconnect-Request": "1", "Cookie": cookie})
    started = time.time()
    try:
        with urllib.request.urlopen(request, timeout=60, context=UNVERIFIED) as answer:
            return answer.status, started, answer.headers.get("X-Served-By")
    except urllib.error.HTTPError as error:
        return error.code, started, error.headers.get("X-Served-By")


def most_in_a_minute(times):
    times = sorted(times)
    most, first = 0, 0
    for last in range(len(times)):
        while times[last] - times[first] >= 60:
            first += 1
        most = max(most, last - first + 1)
    return most


def main():
    environment = dict(os.environ)
    with open(os.path.join(ROOT, "target", "test-classpath.txt")) as listed:
        classpath = ":".join([os.path.join(ROOT, "target", "test-classes"), os.path.join(ROOT, "target", "classes"),
                              listed.read().strip()])
    cluster = subprocess.Popen(["java", "-cp", classpath, "-Dcluster.oauth.secret=bench-cluster-secret",
                                "io.zapconnect.cluster.ClusterMain"], cwd=ROOT, stdin=subprocess.PIPE,
                               stdout=subprocess.PIPE, text=True, env=environment)
    try:
        for line in cluster.stdout:
            if line.startswith("READY"):
                break
        else:
            raise SystemExit("the cluster test bed did not start: see target/cluster and the servers' logs")
        print("\nThe cluster: PostgreSQL, the Zapier emulator, two Zapconnect servers behind HAProxy (TLS at the"
              " balancer, round robin)")
        shared = f"{BALANCER}/zapconnect-bench"
        one = f"{NODE}/zapconnect-bench"
        one_memory = f"{NODE}/zapconnect-bench-memory"
        emulator_knobs("zapconnect", BOB)

        print(f"Warming up every JVM for {WARMUP_S} s (BENCH_CLUSTER_WARMUP_S) ...", flush=True)
        share = max(5, WARMUP_S // 4)
        inputs(shared, 16, share)
        inputs(one, 16, share)
        inputs(one_memory, 16, share)
        inputs(f"{BALANCER}/zapconnect-bench-memory", 16, share)

        bench.header(f"Throughput: 64 connections, Zapier answering in 100 ms, {RUN_S} s each"
                     " (direct: one server; proxied: two behind the balancer)")
        emulator_knobs("zapconnect", BOB, {"latencyMs": 100})
        bench.row("inputs, budget in PostgreSQL", inputs(one, 64, RUN_S), inputs(shared, 64, RUN_S))
        bench.row("inputs, budget in memory", inputs(one_memory, 64, RUN_S),
                  inputs(f"{BALANCER}/zapconnect-bench-memory", 64, RUN_S))
        emulator_knobs("zapconnect", BOB)

        bench.header(f"What a shared slot costs: one connection to one server, {RUN_S} s each"
                     " (direct: budget in memory; proxied: budget in PostgreSQL)")
        memory = inputs(one_memory, 1, RUN_S)
        database = inputs(one, 1, RUN_S)
        bench.row("action inputs (distinct values)", memory, database)
        print(f"  the shared budget adds {database['p50'] - memory['p50']:+.2f} ms p50 per Zapier call")

        print("\nA burst of 300 distinct calls from three users, over both servers, through one budget of 60 a"
              " minute, against an emulator enforcing 60 a minute")
        emulator_knobs("zapier-budget", ALICE, {"rateLimitPerMinute": 60, "cooldownSeconds": 60})
        cookies = {user: sign_in("zapconnect-budget", user) for user in ("ada", "linus", "grace")}
        url = f"{BALANCER}/zapconnect-budget/api/actions/{bench.WEBHOOK_ACTION}/inputs"
        jobs = [(user, n) for n in range(100) for user in cookies]
        with ThreadPoolExecutor(24) as pool:
            answers = list(pool.map(lambda job: (job[0],) + post(
                url, '{"authentication": null, "inputs": {"user": "%s", "n": %d}}' % job, cookies[job[0]]), jobs))
        for user in cookies:
            statuses = [status for who, status, _, _ in answers if who == user]
            print(f"  {user}: {statuses.count(200)} answered, {statuses.count(429)} refused by Zapconnect"
                  f" ({len(statuses) - statuses.count(200) - statuses.count(429)} other)")
        started = [at for _, status, at, _ in answers if status == 200]
        servers = sorted({server for _, _, _, server in answers if server})
        _, _, knobs = bench.http("GET", f"{EMULATOR}/zapier-budget/sandbox/knobs", ALICE)
        print(f"  servers that answered: {', '.join(servers)}; calls started in the busiest rolling minute:"
              f" {most_in_a_minute(started)} (want <= 60); 429s the emulator sent: {json.loads(knobs)['throttled']}"
              " (want 0)")
        emulator_knobs("zapier-budget", ALICE)
    finally:
        cluster.stdin.close()
        cluster.wait(timeout=300)


if __name__ == "__main__":
    sys.exit(main())
