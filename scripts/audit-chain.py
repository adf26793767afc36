#!/usr/bin/env python3
"""Checks a SecureShare tenant's audit log from its export, with no SecureShare code (decision 0028).

    python3 scripts/audit-chain.py EXPORT [--key signing-key.pem] [--tenant ID]
                                   [--head-sequence N --head-hash HEX --head-start-sequence N --head-start-hash HEX
                                    --head-signed-at TIME --head-signature BASE64]

EXPORT is an unfiltered GET /api/v1/audit/export, as JSONL (one entry {"sequence", "hash", "event": {...}} per line,
then {"head": {...}}) or CSV (by the .csv extension). Every linked event's hash is recomputed from its content and the
hash before it, from the first position on (after retention, from the link its checkpoint event names); events not yet linked (no sequence) are counted, not checked. The head
is the JSONL's last line, or the Audit-Head-* response headers given as --head-* options; with --key (the PEM of
GET /api/v1/audit/signing-key) its ECDSA signature is checked with the openssl command. Exits 0 when everything
checks, 1 at the first thing that does not (and says what). Standard library only, plus openssl for the signature.

An event's canonical form is netstrings (<UTF-8 length>:<bytes>,). Version 2, every event with a tenant name:
secureshare-audit-v2, tenant id, tenant name, event id, the instant as yyyy-MM-ddTHH:mm:ss.fffffffZ, type, actor user
id, actor name, actor tenant id, actor tenant name, IP, user agent, outcome, the number of targets, each target as the
three fields kind, id, name in the sorted order of kind:id, the number of details, and each detail's key and value by
the UTF-8 bytes of the keys; a missing value is the empty field. Version 1, events recorded before names were kept
(no tenant name, actor tenant or target name at all): secureshare-audit-v1, tenant id, event id, instant, type, actor user id, actor name, IP, user agent,
outcome, the number of targets, each target as kind:id in sorted order, the details as above.
link = SHA-256(previous link + SHA-256(canonical)), the first after 32 zero bytes. A head signs the netstrings
secureshare-audit-head-v1, tenant id, sequence, hash (hex), start sequence (the last position retention removed, 0 for
none), start hash (hex, empty for none), instant.
"""
import base64
import csv
import hashlib
import json
import os
import re
import subprocess
import sys
import tempfile

VERSION_1 = "secureshare-audit-v1"
VERSION = "secureshare-audit-v2"
HEAD_VERSION = "secureshare-audit-head-v1"
GENESIS = bytes(32)
_INSTANT = re.compile(r"^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2})(?:\.(\d{1,7}))?(Z|\+00:00)$")


def instant(text):
    """The instant as the canonical form writes it: UTC, seven fractional digits (JSON trims trailing zeros)."""
    m = _INSTANT.match(text)
    if not m:
        raise ValueError(f"not a UTC instant: {text}")
    return f"{m.group(1)}.{(m.group(2) or '').ljust(7, '0')}Z"


def netstrings(fields):
    out = bytearray()
    for field in fields:
        data = field.encode("utf-8")
        out += f"{len(data)}:".encode("ascii") + data + b","
    return bytes(out)


def canonical(e):
    actor = e.get("actor") or {}
    # The first form carries no name at all; an event with any name is hashed in the second, so names added later break it.
    v1 = not (e.get("tenantName") or actor.get("tenantId") or actor.get("tenantName")
              or any(t.get("name") for t in e.get("targets") or []))
    if v1:
        fields = [VERSION_1, e["tenantId"].lower(), e["id"].lower(), instant(e["at"]), e["type"],
                  (actor.get("userId") or "").lower(), actor.get("name") or "", e.get("ip") or "",
                  e.get("userAgent") or "", e["outcome"]]
    else:
        fields = [VERSION, e["tenantId"].lower(), e.get("tenantName") or "", e["id"].lower(), instant(e["at"]), e["type"],
                  (actor.get("userId") or "").lower(), actor.get("name") or "", (actor.get("tenantId") or "").lower(),
                  actor.get("tenantName") or "", e.get("ip") or "", e.get("userAgent") or "", e["outcome"]]
    targets = sorted(((f"{t['kind']}:{t['id'].lower()}", t) for t in e.get("targets") or []), key=lambda kt: kt[0])
    fields.append(str(len(targets)))
    for key, t in targets:
        fields.extend([key] if v1 else [t["kind"], t["id"].lower(), t.get("name") or ""])
    details = sorted((e.get("details") or {}).items(), key=lambda kv: kv[0].encode("utf-8"))
    fields.append(str(len(details)))
    for key, value in details:
        fields.extend([key, value])
    return netstrings(fields)


def link(previous, e):
    return hashlib.sha256(previous + hashlib.sha256(canonical(e)).digest()).digest()


def cell(value):
    """A CSV value back as written: the export puts an apostrophe before values a spreadsheet would run."""
    return value[1:] if value.startswith("'") else value


def read_jsonl(path):
    entries, head = [], None
    with open(path, encoding="utf-8") as lines:
        for line in lines:
            if not line.strip():
                continue
            item = json.loads(line)
            if "head" in item:
                head = item["head"]
            else:
                entries.append(item)
    return entries, head


def read_csv(path):
    entries = []
    with open(path, encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f):
            row = {k: cell(v) for k, v in row.items()}
            # Targets are a JSON array of {kind, id, name}; exports made before names were kept wrote "kind:id kind:id".
            targets = json.loads(row["targets"]) if row["targets"].startswith("[") else \
                [dict(zip(("kind", "id"), t.split(":", 1))) for t in row["targets"].split(" ") if t]
            event = {"id": row["id"], "tenantId": row["tenantId"], "tenantName": row.get("tenantName") or None,
                     "at": row["at"], "type": row["type"],
                     "actor": {"userId": row["actorUserId"] or None, "name": row["actorName"],
                               "tenantId": row.get("actorTenantId") or None, "tenantName": row.get("actorTenantName") or None},
                     "ip": row["ip"] or None, "userAgent": row["userAgent"] or None, "outcome": row["outcome"],
                     "targets": targets, "details": json.loads(row["details"]) if row["details"] else None}
            entries.append({"sequence": int(row["sequence"]) if row["sequence"] else None,
                            "hash": row["hash"] or None, "event": event})
    return entries, None


def option(argv, name):
    return argv[argv.index(name) + 1] if name in argv else None


def fail(message):
    print(f"FAILED: {message}", file=sys.stderr)
    return 1


def signature_verifies(pem_path, message, signature):
    with tempfile.TemporaryDirectory() as scratch:
        msg, sig = os.path.join(scratch, "head"), os.path.join(scratch, "head.sig")
        with open(msg, "wb") as f:
            f.write(message)
        with open(sig, "wb") as f:
            f.write(signature)
        result = subprocess.run(["openssl", "dgst", "-sha256", "-verify", pem_path, "-signature", sig, msg],
                                capture_output=True, text=True)
        return result.returncode == 0


def main(argv):
    if not argv or argv[0] in ("-h", "--help"):
        print(__doc__)
        return 2
    entries, head = read_csv(argv[0]) if argv[0].lower().endswith(".csv") else read_jsonl(argv[0])
    if option(argv, "--head-sequence") is not None:
        head = {"sequence": int(option(argv, "--head-sequence")), "hash": option(argv, "--head-hash"),
                "startSequence": int(option(argv, "--head-start-sequence") or 0), "startHash": option(argv, "--head-start-hash") or None,
                "signedAt": option(argv, "--head-signed-at"), "signature": option(argv, "--head-signature")}
    tenant = option(argv, "--tenant") or next((e["event"]["tenantId"] for e in entries), None)

    previous, position, links, unlinked = GENESIS, 0, {}, 0
    first = next((e["sequence"] for e in entries if e.get("sequence") is not None), None)
    if first is not None and first > 1:
        # Retention removed the positions before it: its checkpoint event (itself in the chain) names the last removed link.
        checkpoints = [e["event"]["details"] for e in entries if e["event"]["type"] == "audit.retention.applied"
                       and int(e["event"]["details"]["removedThrough"]) == first - 1]
        if not checkpoints:
            return fail(f"the chain starts at position {first} and no retention checkpoint names position {first - 1}")
        previous, position = bytes.fromhex(checkpoints[-1]["lastRemovedHash"]), first - 1
        links[position] = previous.hex()
        print(f"starting after retention checkpoint #{position}")
    for entry in entries:
        event = entry["event"]
        if entry.get("sequence") is None:
            unlinked += 1
            continue
        if unlinked:
            return fail(f"event {event['id']} is linked after events that are not: the export is out of order")
        if entry["sequence"] != position + 1:
            return fail(f"position {position + 1} is missing (next is {entry['sequence']}, event {event['id']})")
        if event["tenantId"].lower() != (tenant or "").lower():
            return fail(f"event {event['id']} belongs to another tenant")
        previous = link(previous, event)
        position += 1
        if previous.hex() != (entry.get("hash") or "").lower():
            return fail(f"event {event['id']} at position {position} does not hash to its link: it was changed, or an event before it")
        links[position] = previous.hex()
    print(f"{position} linked events verified; {unlinked} not yet linked")

    if head is None:
        print("no head given: the chain is consistent in itself")
        return 0
    if links.get(head["sequence"]) != head["hash"].lower():
        return fail(f"the signed head #{head['sequence']} {head['hash']} is not in this export's chain")
    key = option(argv, "--key")
    if key is None:
        print(f"head #{head['sequence']} is in the chain (pass --key to check its signature)")
        return 0
    start = head.get("startSequence", 0)
    if start != (first - 1 if first else position) or (start and links.get(start) != (head.get("startHash") or "").lower()):
        return fail(f"the signed head starts the chain after #{start}, not where this export does")
    message = netstrings([HEAD_VERSION, tenant.lower(), str(head["sequence"]), head["hash"].lower(), str(head.get("startSequence", 0)),
                          (head.get("startHash") or "").lower(), instant(head["signedAt"])])
    if not signature_verifies(key, message, base64.b64decode(head["signature"])):
        return fail(f"the signature of head #{head['sequence']} does not verify with {key}")
    print(f"head #{head['sequence']} signed at {head['signedAt']} verifies with {key}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
