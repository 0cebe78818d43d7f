"""Virtuoso (Debian's virtuoso-opensource 7.2) for the tests: a throwaway database in a temporary folder,
on free loopback ports, with SPARQL Update allowed on its /sparql endpoint, stopped afterwards.

`make test-virtuoso` installs the package (scripts/virtuoso-install.sh) and runs the HTTP suite on it.
"""

from __future__ import annotations

import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

from .remote_servers import Endpoints, free_port, wait_for

VIRTUOSO = shutil.which("virtuoso-t")
ISQL = shutil.which("isql-vt") or shutil.which("isql")

INI = """[Database]
DatabaseFile = {db}/virtuoso.db
ErrorLogFile = {db}/virtuoso.log
LockFile = {db}/virtuoso.lck
TransactionFile = {db}/virtuoso.trx
xa_persistent_file = {db}/virtuoso.pxa
ErrorLogLevel = 7
FileExtend = 200
Striping = 0
TempStorage = TempDatabase
[TempDatabase]
DatabaseFile = {db}/virtuoso-temp.db
TransactionFile = {db}/virtuoso-temp.trx
[Parameters]
ServerPort = 127.0.0.1:{sql}
DisableUnixSocket = 1
MaxClientConnections = 20
CheckpointInterval = 60
CaseMode = 2
DirsAllowed = ., {db}
NumberOfBuffers = 50000
MaxDirtyBuffers = 30000
MaxQueryMem = 1G
[HTTPServer]
ServerPort = 127.0.0.1:{http}
ServerRoot = {db}
ServerThreads = 10
MaxClientConnections = 20
Charset = UTF-8
[SPARQL]
ResultSetMaxRows = 10000000
MaxQueryExecutionTime = 60
MaxQueryCostEstimationTime = 400
"""


@dataclass
class Virtuoso:
    proc: subprocess.Popen
    endpoints: Endpoints
    sql_port: int

    def stop(self) -> None:
        self.proc.terminate()
        try:
            self.proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.proc.kill()


def start_virtuoso(tmp: Path) -> Virtuoso:
    if VIRTUOSO is None or ISQL is None:
        raise RuntimeError(
            "Virtuoso is not installed: `make test-virtuoso` installs Debian's virtuoso-opensource"
        )
    db = tmp / "virtuoso"
    db.mkdir(parents=True, exist_ok=True)
    sql, http = free_port(), free_port()
    ini = db / "virtuoso.ini"
    ini.write_text(INI.format(db=db, sql=sql, http=http))
    proc = subprocess.Popen(
        [VIRTUOSO, "+foreground", "+configfile", str(ini)],
        cwd=db,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    endpoint = f"http://127.0.0.1:{http}/sparql"
    wait_for(endpoint, {"query": "ASK {}"}, 120, proc)
    grant = 'GRANT SPARQL_UPDATE TO "SPARQL"; GRANT EXECUTE ON DB.DBA.SPARQL_INSERT_DICT_CONTENT TO "SPARQL";'
    subprocess.run(
        [ISQL, str(sql), "dba", "dba", f"exec={grant}"], check=True, capture_output=True, timeout=60
    )
    # Its Graph Store Protocol endpoint keeps typed literals its SPARQL Update parser refuses (xsd:duration).
    store = f"http://127.0.0.1:{http}/sparql-graph-crud"
    return Virtuoso(proc, Endpoints(endpoint, endpoint, store), sql)
