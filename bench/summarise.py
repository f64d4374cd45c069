#!/usr/bin/env python3
"""Turns a bench/run-all.sh log into the "Latest full run" section of docs/benchmarks.md.

Usage: summarise.py LOG DOC
The section between the two markers below is replaced (appended at the end the first time); everything else in the
document, the hand-written analysis of each benchmark, is left as it is. Each target is judged from the figures the
scripts printed, so the section says plainly which were met on this run.
"""
import re
import sys
from pathlib import Path

BEGIN = "<!-- bench/run-all.sh: latest full run (generated, do not edit by hand) -->"
END = "<!-- bench/run-all.sh: end -->"
MEMORY_LIMIT_MB = 300

WRK = re.compile(r"^(?P<name>\S.*?)\s+(?P<rps>[\d.]+) req/s\s+p50 (?P<p50>\S+)\s+p99 (?P<p99>\S+)")
CPU = re.compile(r"site CPU per request: (?P<ms>[\d.]+) ms", re.IGNORECASE)
PEAK = re.compile(r"Site peak memory \(VmHWM\): (?P<mb>\d+) MB")
RATIO = re.compile(r"Treatment page / static file: (?P<ratio>[\d.]+)")
CONFIRM = re.compile(r"Confirmations/s: (?P<rate>[\d.]+)\s+latency ms p50 (?P<p50>[\d.]+)\s+p90 (?P<p90>[\d.]+)\s+p99 (?P<p99>[\d.]+)")
CONFIRM_CHECK = re.compile(r"^Database: .*")
AVAILABILITY = re.compile(r"^Median LoadAsync \+ FindSlots: .*")
MACHINE = re.compile(r"^Machine: .*load average before the run: (?P<load>[\d. ]+)"
                     r"(?:, idle (?P<idle>\d+) % over 5 s, CPU yardstick (?P<yardstick>[\d.]+) s)?")
HEADER = re.compile(r"^# bench/run-all\.sh, (?P<when>.*), commit (?P<commit>\S+)")
SCRIPT = re.compile(r"^## (?P<script>\S+)")


def verdict(ok: bool) -> str:
    return "**met**" if ok else "**missed**"


def parse(lines):
    runs, current, header = {}, None, {}
    for line in lines:
        line = line.rstrip("\n")
        if m := HEADER.match(line):
            header = m.groupdict()
            continue
        if m := SCRIPT.match(line):
            current = runs.setdefault(m["script"], {"wrk": [], "cpu": [], "notes": []})
            continue
        if current is None:
            continue
        if m := MACHINE.match(line):
            current["load"] = m["load"].strip()
            current["idle"], current["yardstick"] = m["idle"], m["yardstick"]
        elif m := WRK.match(line):
            current["wrk"].append(m.groupdict())
        elif m := CPU.search(line):
            current["cpu"].append(float(m["ms"]))
        elif m := PEAK.search(line):
            current["peak"] = int(m["mb"])
        elif m := RATIO.search(line):
            current["ratio"] = float(m["ratio"])
        elif m := CONFIRM.search(line):
            current["confirm"] = m.groupdict()
        elif CONFIRM_CHECK.match(line) or AVAILABILITY.match(line) or "exited with" in line:
            current["notes"].append(line.strip())
    return header, runs


def section(header, runs, log_name):
    out = [BEGIN, "## Latest full run", ""]
    out.append(f"`bash bench/run-all.sh` on {header.get('when', '?')}, commit `{header.get('commit', '?')}`; "
               f"the whole log is `bench/results/{log_name}` (kept out of git). In brackets after each benchmark: the load "
               "average before its script, then, where printed, how idle the machine was over 5 s before it and the CPU "
               "yardstick (seconds for a fixed piece of Python work; higher means a slower VM at that moment).")
    out += ["", "| Benchmark | Result | p50 | p99 | Site CPU per request | Target | Peak memory |",
            "| --- | ---: | ---: | ---: | ---: | --- | ---: |"]
    targets = []
    for script, run in runs.items():
        load = ""
        if run.get("load"):
            extra = f"; idle {run['idle']} %, yardstick {run['yardstick']} s" if run.get("idle") else ""
            load = f" ({run['load'].split()[0]}{extra})"
        peak = f"{run['peak']} MB" if "peak" in run else ""
        for i, w in enumerate(run["wrk"]):
            cpu = f"{run['cpu'][i]:.2f} ms" if i < len(run["cpu"]) else ""
            target = ""
            if script == "calendar.sh" and "feed" in w["name"]:
                ok = float(w["rps"]) >= 200
                target = f"≥ 200 req/s: {verdict(ok)}"
                targets.append(("Calendar feed ≥ 200 requests/s", ok))
            out.append(f"| `{w['name'].strip()}`{load} | {float(w['rps']):,.1f} req/s | {w['p50']} | {w['p99']} | {cpu} | "
                       f"{target} | {peak if i == 0 else ''} |")
        if "ratio" in run:
            ok = run["ratio"] >= 0.5
            targets.append(("Treatment page ≥ 0.5 × static file", ok))
            out.append(f"| treatment page / static file{load} | {run['ratio']:.2f} | | | | ≥ 0.50: {verdict(ok)} | |")
        if "confirm" in run:
            c = run["confirm"]
            ok = float(c["rate"]) >= 100
            targets.append(("Booking confirmations ≥ 100/s", ok))
            out.append(f"| `POST /book/confirm`{load} | {float(c['rate']):.1f} /s | {c['p50']} ms | {c['p99']} ms | | "
                       f"≥ 100/s: {verdict(ok)} | {peak} |")
        for note in run["notes"]:
            if note.startswith("Median LoadAsync"):
                ok = note.endswith("met")
                targets.append(("Availability query < 5 ms, < 1.5 × from 10k to 1M", ok))
                out.append(f"| availability (BenchmarkDotNet){load} | {note.split(': ', 1)[1]} | | | | {verdict(ok)} | |")
    peaks = [run["peak"] for run in runs.values() if "peak" in run]
    if peaks:
        ok = max(peaks) < MEMORY_LIMIT_MB
        targets.append((f"Site peak memory < {MEMORY_LIMIT_MB} MB (highest of all scripts: {max(peaks)} MB)", ok))
    out += ["", "Targets on this run:", ""]
    out += [f"- {name}: {verdict(ok)}" for name, ok in targets]
    checks = [note for run in runs.values() for note in run["notes"] if not note.startswith("Median LoadAsync")]
    if checks:
        out += ["", "Checks the scripts made:", ""] + [f"- {note}" for note in checks]
    out += ["", END]
    return "\n".join(out) + "\n"


def main():
    log, doc = Path(sys.argv[1]), Path(sys.argv[2])
    header, runs = parse(log.read_text(encoding="utf-8", errors="replace").splitlines())
    if not runs:
        sys.exit(f"No benchmark output found in {log}.")
    new = section(header, runs, log.name)
    text = doc.read_text(encoding="utf-8")
    if BEGIN in text and END in text:
        before, rest = text.split(BEGIN, 1)
        after = rest.split(END, 1)[1].lstrip("\n")
        text = before + new + ("\n" + after if after else "")
    else:
        text = text.rstrip("\n") + "\n\n" + new
    doc.write_text(text, encoding="utf-8")
    print(f"{doc}: 'Latest full run' written from {log}")


if __name__ == "__main__":
    main()
