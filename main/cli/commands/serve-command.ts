import { parseArgs } from 'node:util';
import { UsageError, type CliContext } from '../cli-context';
import { startServer } from '../../node/start-console-server';

export const SERVE_USAGE = 'certmapper serve [--console-port N] [--no-console] [--no-default-site]   (the gateway for every site, and the web console; stops cleanly on SIGTERM / Ctrl+C)';

/** Headless mode: the gateway and the web console on 127.0.0.1 until SIGTERM or SIGINT. */
export async function serveCommand(context: CliContext, why?: string): Promise<number> {
  const { values } = parseArgs({
    args: context.args,
    options: { 'console-port': { type: 'string' }, 'no-console': { type: 'boolean' }, 'no-default-site': { type: 'boolean' } },
  });
  const port = Number(values['console-port'] ?? 0);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError('--console-port must be 0..65535');
  const running = await startServer({
    dataDir: context.dataDir,
    consolePort: values['no-console'] ? null : port,
    defaultSite: !values['no-default-site'],
    onListening: (lines) => lines.forEach((line) => context.out(line)),
  });
  if (why) context.out(why);
  for (const notice of running.notices) context.out(`Notice: ${notice}`);
  context.out(`CertMapper ${running.version} serving data folder ${context.dataDir}`);
  if (running.url) context.out(`Web console: ${running.url}`);
  await new Promise<void>((resolve) => {
    process.once('SIGTERM', () => resolve());
    process.once('SIGINT', () => resolve());
  });
  await running.close();
  context.out('Stopped.');
  return 0;
}
