"""DuckDB's time for the survey summary's tallies on a generated file, for `allot bench survey` to set beside its own.

Usage: python3 docs/bench/duckdb_survey.py FILE [THREADS]

Reads the canonical survey CSV into a table, then computes per sector what `allot survey summary` tallies: consented
responses, refusals, hours answered, total and zero hours, every single-choice question's answer counts and every
multi-select question's answer counts (the cells split on ';' and unnested). Prints one line,
`duckdb <seconds> <consented responses>`, with the time of the load and the queries (not of starting Python).
"""
import sys
import time

import duckdb

MULTI = ["pl_types", "providers", "barriers", "priorities"]
SINGLE = ["hours_vs_last_year", "ease_of_access", "choice_sufficient", "confidence"]


def main() -> None:
    path = sys.argv[1]
    con = duckdb.connect()
    if len(sys.argv) > 2:
        con.execute(f"SET threads TO {int(sys.argv[2])}")
    start = time.perf_counter()
    con.execute("CREATE TABLE responses AS SELECT * FROM read_csv(?, header = true, all_varchar = true)", [path])
    consented = "lower(trim(consent)) IN ('yes', 'true', '1', 'y')"
    totals = con.execute(
        f"""SELECT sector, count(*) FILTER (WHERE {consented}), count(*) FILTER (WHERE NOT {consented}),
                   count(pl_hours) FILTER (WHERE {consented}),
                   sum(CAST(pl_hours AS DECIMAL(18, 3))) FILTER (WHERE {consented}),
                   count(*) FILTER (WHERE {consented} AND CAST(pl_hours AS DECIMAL(18, 3)) = 0)
            FROM responses GROUP BY sector ORDER BY sector"""
    ).fetchall()
    for column in SINGLE:
        con.execute(
            f"""SELECT sector, {column}, count(*) FROM responses WHERE {consented} AND {column} IS NOT NULL
                GROUP BY ALL ORDER BY ALL"""
        ).fetchall()
    for column in MULTI:
        con.execute(
            f"""SELECT sector, trim(answer), count(*)
                FROM (SELECT sector, unnest(string_split({column}, ';')) AS answer FROM responses
                      WHERE {consented} AND {column} IS NOT NULL)
                GROUP BY ALL ORDER BY ALL"""
        ).fetchall()
    seconds = time.perf_counter() - start
    print(f"duckdb {seconds:.3f} {sum(row[1] for row in totals)}")


if __name__ == "__main__":
    main()
