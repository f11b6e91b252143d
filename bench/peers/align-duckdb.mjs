// The peer of `plenary align A B --json`: DuckDB reads the gzipped research CSV from scratch and counts
// the same pair (roll calls both voted on, identical votes, identical yes/no, opposite yes/no).
// node bench/peers/align-duckdb.mjs ../shared/data/unvotes/un_votes.csv.gz US RU
import { DuckDBInstance } from "@duckdb/node-api";
const [file, a, b] = process.argv.slice(2);
const db = await (await DuckDBInstance.create(":memory:")).connect();
const result = await db.runAndReadAll(`
  WITH v AS (SELECT rcid, country_code AS id, vote FROM read_csv('${file.replaceAll("'", "''")}'))
  SELECT count(*) AS both, count(*) FILTER (WHERE x.vote = y.vote) AS identical,
    count(*) FILTER (WHERE x.vote = y.vote AND x.vote <> 'abstain') AS identicalYesNo,
    count(*) FILTER (WHERE x.vote <> y.vote AND 'abstain' NOT IN (x.vote, y.vote)) AS opposite
  FROM v x JOIN v y ON x.rcid = y.rcid WHERE x.id = '${a}' AND y.id = '${b}'`);
console.log(JSON.stringify(result.getRowObjectsJson()[0]));
