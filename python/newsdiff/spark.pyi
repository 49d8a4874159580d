from typing import Dict, List, Optional

from pyspark.sql import DataFrame, SparkSession

MAX_BUCKET_PAIRS: int
MAX_ROUNDS: int
DRIVER_PAIRS: int
DRIVER_KEYS: int
DRIVER_WORDS: int
PAIRS_PER_BATCH: int
LOCAL_CONF: Dict[str, str]

class DedupError(ValueError): ...

def dedup(
    df: DataFrame,
    text_col: str = "text",
    id_col: str = "id",
    threshold: float = 0.8,
    num_perm: int = 128,
    bands: Optional[int] = None,
    keep: str = "first",
    *,
    shingle: int = 5,
    order_col: Optional[str] = None,
    max_bucket_pairs: int = 256,
    driver_keys: int = 10_000_000,
    driver_pairs: int = 5_000_000,
    driver_words: int = 20_000_000,
) -> DataFrame: ...
def dedup_jsonl(
    spark: SparkSession,
    path: str,
    text_field: str = "text",
    id_field: str = "id",
    threshold: float = 0.8,
    num_perm: int = 128,
    bands: Optional[int] = None,
    keep: str = "first",
    *,
    shingle: int = 5,
    max_bucket_pairs: int = 256,
    driver_keys: int = 10_000_000,
    driver_pairs: int = 5_000_000,
    driver_words: int = 20_000_000,
) -> DataFrame: ...
def master_is_local(master: Optional[str]) -> bool: ...
def local_conf(submit_args: str) -> Dict[str, str]: ...
def main(argv: Optional[List[str]] = None) -> int: ...
