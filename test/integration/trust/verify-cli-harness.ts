import { runCli, type CliRun } from '../../helpers/run-cli';

/** Run the real, built `certmapper cert verify ARGS` on a data folder. */
export async function runVerify(args: string[], dataDir: string): Promise<CliRun> {
  return runCli(['cert', 'verify', ...args], { dataDir });
}

/** Import files into a store of the data folder with the real CLI (`cert import --store`). */
export async function importIntoStore(dataDir: string, store: 'root' | 'intermediate', paths: string[]): Promise<void> {
  const run = runCli(['cert', 'import', ...paths, '--store', store], { dataDir });
  if (run.status !== 0) throw new Error(run.stderr);
}
