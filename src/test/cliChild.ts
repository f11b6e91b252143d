/** Runs the `plenary` CLI from source in a child process (tests): node --import tsx cliChild.ts ARGS… */
import { main } from "../cli/main.js";

process.exitCode = await main(process.argv.slice(2));
