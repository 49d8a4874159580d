"""Where a Spark run's time went, from its event log: one line per job and its stages.

    python stages.py EVENT_LOG

Run the job with ``--conf spark.eventLog.enabled=true --conf spark.eventLog.dir=file:///some/dir`` and, for
Spark 4 (which compresses and rolls its event logs), ``--conf spark.eventLog.compress=false --conf
spark.eventLog.rolling.enabled=false`` (for ``python -m newsdiff.spark`` put them in
``PYSPARK_SUBMIT_ARGS="--conf ... pyspark-shell"``); the log is the newest file in that directory. Prints the
application's start-up (from its start to the first job), each job's wall time with its call site, and per
stage the tasks, the summed executor run time and the shuffle bytes written and read, then the time after the
last job (writing out, shutting down).
"""

import json
import sys


def main():
    app_start = app_end = None
    jobs, stages, stage_job = {}, {}, {}
    for line in open(sys.argv[1], encoding="utf-8"):
        e = json.loads(line)
        kind = e["Event"]
        if kind == "SparkListenerApplicationStart":
            app_start = e["Timestamp"]
        elif kind == "SparkListenerApplicationEnd":
            app_end = e["Timestamp"]
        elif kind == "SparkListenerJobStart":
            props = e.get("Properties") or {}
            site = props.get("spark.job.description") or props.get("callSite.short") or ""
            jobs[e["Job ID"]] = {"start": e["Submission Time"], "site": site, "stages": e["Stage IDs"]}
            for s in e["Stage IDs"]:
                stage_job.setdefault(s, e["Job ID"])
        elif kind == "SparkListenerJobEnd":
            jobs[e["Job ID"]]["end"] = e["Completion Time"]
        elif kind == "SparkListenerStageCompleted":
            info = e["Stage Info"]
            st = stages.setdefault(info["Stage ID"], {"run": 0, "write": 0, "read": 0})
            st.update(name=info["Stage Name"], tasks=info["Number of Tasks"],
                      wall=(info.get("Completion Time", 0) - info.get("Submission Time", 0)) / 1000)
        elif kind == "SparkListenerTaskEnd":
            m = e.get("Task Metrics") or {}
            st = stages.setdefault(e["Stage ID"], {"run": 0, "write": 0, "read": 0})
            st["run"] += m.get("Executor Run Time", 0) / 1000
            st["write"] += (m.get("Shuffle Write Metrics") or {}).get("Shuffle Bytes Written", 0)
            r = m.get("Shuffle Read Metrics") or {}
            st["read"] += r.get("Remote Bytes Read", 0) + r.get("Local Bytes Read", 0)
    first = min(j["start"] for j in jobs.values())
    last = max(j.get("end", j["start"]) for j in jobs.values())
    print(f"start-up (application start to first job): {(first - app_start) / 1000:.1f} s")
    total = 0.0
    for jid in sorted(jobs):
        j = jobs[jid]
        wall = (j.get("end", j["start"]) - j["start"]) / 1000
        total += wall
        print(f"job {jid:3d} {wall:7.1f} s  {j['site'][:90]}")
        for s in j["stages"]:
            st = stages.get(s)
            if st and "name" in st and stage_job.get(s) == jid:
                print(f"    stage {s:3d} {st['wall']:6.1f} s wall {st['run']:6.1f} s run {st['tasks']:4d} tasks "
                      f"write {st['write'] / 1e6:7.1f} MB read {st['read'] / 1e6:7.1f} MB  {st['name'][:50]}")
    print(f"jobs: {len(jobs)}, {total:.1f} s in jobs; first job to last job's end {(last - first) / 1000:.1f} s")
    if app_end:
        print(f"after the last job: {(app_end - last) / 1000:.1f} s; application {(app_end - app_start) / 1000:.1f} s")


if __name__ == "__main__":
    main()
