from typing import Dict, List, Optional

from pyspark.sql import DataFrame

MAX_BUCKET_PAIRS: int
MAX_ROUNDS: int
DRIVER_PAIRS: int
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
    driver_pairs: int = 5_000_000,
) -> DataFrame: ...
def master_is_local(master: Optional[str]) -> bool: ...
def local_conf(submit_args: str) -> Dict[str, str]: ...
def main(argv: Optional[List[str]] = None) -> int: ...
