#!/usr/bin/env python3
"""The failover trial of docs/scale-out.md, against deploy/local-cluster.sh (run through `local-cluster.sh trial`).

Part 1, database failover: writers create credentials through HAProxy at a bounded rate; after a while the database
leader is stopped as a crash would stop it (pg_ctl -m immediate, its Patroni killed). Afterwards every acknowledged
write must be present, each with its credential.created audit event, and the time from the stop to the first
acknowledged write again is measured.
Part 2, a host killed with -9 under the same load: no acknowledged write lost, and how many requests failed.
Python's standard library only (PyPI is not reachable on the build machine).
"""
import json, subprocess, sys, threading, time, urllib.error, urllib.request, uuid

CLUSTER = sys.argv[1] if len(sys.argv) > 1 else "/tmp/secureshare-cluster"
BASE = "http://127.0.0.1:8080"
SCRIPT = __file__.replace("failover-trial.py", "local-cluster.sh")
WRITERS, RATE_PER_WRITER = 4, 20  # 80 writes a second in all


def call(method, path, body=None, token=None, timeout=30):
    request = urllib.request.Request(BASE + path, method=method, data=None if body is None else json.dumps(body).encode())
    request.add_header("Content-Type", "application/json")
    if token:
        request.add_header("Authorization", "Bearer " + token)
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return response.status, json.loads(response.read() or b"null")
    except urllib.error.HTTPError as e:
        return e.code, None
    except Exception as e:  # connection refused or reset, timeout
        return type(e).__name__, None


def sign_up():
    email = f"trial-{uuid.uuid4().hex[:8]}@trial.example"
    status, _ = call("POST", "/api/v1/signup", {"mspName": "Trial " + email[6:14], "email": email, "password": "a long trial password 1", "displayName": "Trial"})
    assert status == 202, status
    status, login = call("POST", "/api/v1/auth/login", {"email": email, "password": "a long trial password 1"})
    assert status == 200, status
    return login["accessToken"]


def load(token, seconds, event_at, event):
    """Writers for `seconds`; `event` runs once at `event_at`. Returns acknowledged names, failures and the event's time."""
    acked, failures, lock, started = {}, [], threading.Lock(), time.time()
    happened = {}

    def writer(w):
        i = 0
        while time.time() - started < seconds:
            name = f"trial-{w}-{i}"
            i += 1
            at = time.time()
            status, body = call("POST", "/api/v1/credentials", {"kind": "Password", "name": name, "username": "u", "secret": "s"}, token)
            with lock:
                if status == 201:
                    acked[name] = (at, time.time(), body["id"])
                else:
                    failures.append((at, name, status))
            time.sleep(max(0, 1 / RATE_PER_WRITER - (time.time() - at)))

    threads = [threading.Thread(target=writer, args=(w,)) for w in range(WRITERS)]
    for t in threads:
        t.start()
    time.sleep(event_at)
    happened["at"] = time.time()
    event()
    for t in threads:
        t.join()
    return acked, failures, happened["at"]


def everything(token, path):
    items, cursor = [], None
    while True:
        status, page = call("GET", path + ("&" if "?" in path else "?") + "limit=500" + (f"&cursor={cursor}" if cursor else ""), token=token)
        assert status == 200, (path, status)
        items += page["items"]
        cursor = page.get("nextCursor")
        if not cursor:
            return items


def verify(token, acked, failures, label):
    listed = everything(token, "/api/v1/credentials?q=trial-")
    stored = {c["name"]: c["id"] for c in listed}
    twice = len(listed) - len(stored)
    audited = {t["id"] for e in everything(token, "/api/v1/audit?type=credential.created") for t in e["targets"]}
    lost = [n for n in acked if n not in stored]
    unaudited = [n for n, i in stored.items() if i not in audited]
    unknown_outcome = [n for _, n, _ in failures if n in stored]
    print(f"{label}: {len(acked)} writes acknowledged, {len(failures)} failed ({sorted({str(s) for _, _, s in failures})}), "
          f"{len(lost)} acknowledged writes missing, {len(unaudited)} stored credentials without their audit event, "
          f"{len(unknown_outcome)} failed writes that had committed, {twice} written twice")
    return not lost and not unaudited and not twice


def main():
    token = sign_up()
    acked, failures, stopped = load(token, 45, 10, lambda: subprocess.run(["bash", SCRIPT, "stop-leader"], check=True))
    # Serving again: the longest stretch after the stop in which no write was acknowledged (completions, in order).
    done = sorted([stopped] + [end for _, end, _ in acked.values() if end > stopped])
    gap = max(b - a for a, b in zip(done, done[1:]))
    waits = sorted(end - start for start, end, _ in acked.values())
    failed_after = [at for at, _, _ in failures if at > stopped]
    print(f"database failover: leader stopped at +10 s; longest stretch without an acknowledged write {gap:.1f} s; "
          f"slowest acknowledged write {waits[-1]:.1f} s (p99 {waits[int(len(waits) * 0.99)]:.2f} s); "
          f"failed writes started up to {max(failed_after) - stopped if failed_after else 0:.1f} s after the stop")
    subprocess.run(["bash", SCRIPT, "status"])
    ok = verify(token, acked, failures, "database failover")

    token = sign_up()
    acked, failures, killed = load(token, 20, 5, lambda: subprocess.run(["bash", SCRIPT, "kill-host", "2"], check=True))
    ok = verify(token, acked, failures, "host killed with -9") and ok
    sys.exit(0 if ok else 1)


main()
