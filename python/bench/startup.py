"""Where a local Spark's start-up goes: each step from the Python imports to the first job, timed on its own.

    python startup.py [CONF=VALUE ...]        # e.g. spark.driver.extraJavaOptions=-XX:TieredStopAtLevel=1

Starts Spark in local[2] the way ``python -m newsdiff.spark`` does, without its local-mode settings (pass them
as arguments to compare), and prints the time of each step: imports; the gateway (the spark-submit script, the
launcher JVM and the driver JVM up to its Py4J server); the SparkContext; the SparkSession; the first query
plan; the first job (JVM only); the first job with Python workers (their start-up) and a second one; stopping.
"""

import os
import sys
import time

START = time.perf_counter()
_last = [START]


def mark(what: str) -> None:
    now = time.perf_counter()
    print(f"{now - START:6.2f} s  (+{now - _last[0]:5.2f} s)  {what}", flush=True)
    _last[0] = now


def main() -> None:
    import numpy  # noqa: F401  (what the job's module imports)
    import pyarrow  # noqa: F401

    import newsdiff  # noqa: F401
    from pyspark import SparkConf, SparkContext
    from pyspark.java_gateway import launch_gateway
    from pyspark.sql import SparkSession

    mark("imports (numpy, pyarrow, newsdiff, pyspark)")
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    conf = SparkConf().setMaster("local[2]").set("spark.ui.showConsoleProgress", "false")
    for setting in sys.argv[1:]:
        key, value = setting.split("=", 1)
        conf.set(key, value)
    gateway = launch_gateway(conf)
    mark("gateway: spark-submit script, launcher JVM, driver JVM up to Py4J")
    sc = SparkContext(conf=conf, gateway=gateway)
    sc.setLogLevel("ERROR")
    mark("SparkContext")
    spark = SparkSession(sc)
    mark("SparkSession")
    df = spark.range(10)
    df.schema  # noqa: B018  (the first analysis: session state, catalog, function registry)
    mark("first query plan")
    df.count()
    mark("first job (JVM only)")
    df.count()
    mark("the same job again")

    def same(batches):
        yield from batches

    spark.range(4, numPartitions=2).mapInArrow(same, "id long").count()
    mark("first job with Python workers (2 tasks)")
    spark.range(4, numPartitions=2).mapInArrow(same, "id long").count()
    mark("the same job again")
    spark.stop()
    mark("stop")


if __name__ == "__main__":
    main()
