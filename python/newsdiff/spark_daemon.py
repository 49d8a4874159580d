"""Spark's Python daemon (``pyspark.daemon``) with what newsdiff's workers import done once, before they fork.

Spark starts one daemon per executor, and the daemon forks a Python worker for each task slot. A worker
imports what its function needs when it receives its first task: NumPy, pyarrow, the extension (45 MB, with
the sentence encoder) and PySpark's Arrow serializers, about 0.6 s of CPU each time on a loaded 2-core machine
(Spark's event log calls it "time to initialize Python workers"). Imported here, in the daemon, it is done once
and every worker starts with it (the pages are shared with the daemon until written).

Use it with ``--conf spark.python.daemon.module=newsdiff.spark_daemon`` (``python -m newsdiff.spark`` does
in local mode, see :data:`newsdiff.spark.LOCAL_CONF`). It changes nothing but when the imports happen.
"""

import os

# The workers never use BLAS; without this, importing NumPy here would start OpenBLAS's threads in the daemon
# before it forks.
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

import numpy  # noqa: E402,F401
import pyarrow  # noqa: E402,F401
import pyspark.sql.pandas.serializers  # noqa: E402,F401  (the Arrow streams of mapInArrow)
from pyspark.daemon import manager  # noqa: E402

import newsdiff.spark  # noqa: E402,F401

if __name__ == "__main__":
    manager()
