#!/usr/bin/env python3
"""Recomputes a SecureShare tenant's audit hash chain (decision 0028) from events in chain order, one JSON
object per line: {"id", "tenantId", "at", "type", "actor": {"userId", "name"}, "ip", "userAgent", "outcome",
"targets": [{"kind", "id"}], "details": {...}}. Standard library only. Prints each event's link in hex; with
--expect HEX, exits 1 unless the last link is HEX.

    python3 scripts/audit-chain.py events.jsonl [--expect HEX]
"""
import hashlib
import json
import re
import sys

VERSION = "secureshare-audit-v1"
GENESIS = bytes(32)
_INSTANT = re.compile(r"^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2})(?:\.(\d{1,7}))?(Z|\+00:00)$")


def instant(text):
    """The instant as the canonical form writes it: UTC, seven fractional digits (the API trims trailing zeros)."""
    m = _INSTANT.match(text)
    if not m:
        raise ValueError(f"not a UTC instant: {text}")
    return f"{m.group(1)}.{(m.group(2) or '').ljust(7, '0')}Z"


def canonical(e):
    actor = e.get("actor") or {}
    fields = [VERSION, e["tenantId"].lower(), e["id"].lower(), instant(e["at"]), e["type"],
              (actor.get("userId") or "").lower(), actor.get("name") or "", e.get("ip") or "",
              e.get("userAgent") or "", e["outcome"]]
    targets = sorted(f"{t['kind']}:{t['id'].lower()}" for t in e.get("targets") or [])
    fields.append(str(len(targets)))
    fields.extend(targets)
    details = sorted((e.get("details") or {}).items(), key=lambda kv: kv[0].encode("utf-8"))
    fields.append(str(len(details)))
    for key, value in details:
        fields.extend([key, value])
    out = bytearray()
    for field in fields:
        data = field.encode("utf-8")
        out += f"{len(data)}:".encode("ascii") + data + b","
    return bytes(out)


def link(previous, e):
    return hashlib.sha256(previous + hashlib.sha256(canonical(e)).digest()).digest()


def main(argv):
    if not argv or argv[0] in ("-h", "--help"):
        print(__doc__)
        return 2
    expect = argv[argv.index("--expect") + 1].lower() if "--expect" in argv else None
    last = GENESIS
    with open(argv[0], encoding="utf-8") as lines:
        for line in lines:
            if line.strip():
                event = json.loads(line)
                last = link(last, event)
                print(event["id"], last.hex())
    if expect is not None and last.hex() != expect:
        print(f"chain head {last.hex()} is not {expect}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
