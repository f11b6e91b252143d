/**
 * Parts of the suite that need something this machine may lack (the real UN data beside the clone,
 * root for tmpfs mounts, PostgreSQL, Chromium). Where it is missing the part is skipped — loudly — and
 * where CI says it is required (`PLENARY_REQUIRE_*=1`, set by .ci/run) a missing one is a failure: in CI
 * every skip is a failure.
 *
 *   describe.skipIf(!required("PLENARY_REQUIRE_SHARED_DATA", existsSync(DIR), "../shared/data"))(…)
 */
export function required(variable: `PLENARY_REQUIRE_${string}`, available: boolean, what: string): boolean {
  if (available) return true;
  if (process.env[variable] === "1") throw new Error(`${what} is required (${variable}=1) but missing`);
  console.warn(
    `\n*** ${what} is missing: these tests are SKIPPED (${variable}=1 makes this a failure). ***\n`,
  );
  return false;
}
