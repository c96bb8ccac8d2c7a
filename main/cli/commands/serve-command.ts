import { parseArgs } from 'node:util';
import { UsageError, type CliContext } from '../cli-context';
import { startConsoleServer } from '../../node/start-console-server';

export const SERVE_USAGE = 'certmapper serve [--console-port N] [--no-console]   (stops cleanly on SIGTERM / Ctrl+C)';

/** Headless mode: the services and the web console on 127.0.0.1 until SIGTERM or SIGINT. */
export async function serveCommand(context: CliContext, why?: string): Promise<number> {
  const { values } = parseArgs({
    args: context.args,
    options: { 'console-port': { type: 'string' }, 'no-console': { type: 'boolean' } },
  });
  const port = Number(values['console-port'] ?? 0);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError('--console-port must be 0..65535');
  if (values['no-console']) {
    context.out('Nothing to serve yet without the console (the gateway arrives with sites).');
    return 0;
  }
  const running = await startConsoleServer({ dataDir: context.dataDir, port });
  if (why) context.out(why);
  for (const notice of running.notices) context.out(`Notice: ${notice}`);
  context.out(`CertMapper ${running.version} serving data folder ${context.dataDir}`);
  context.out(`Web console: ${running.url}`);
  await new Promise<void>((resolve) => {
    const stop = () => resolve();
    process.once('SIGTERM', stop);
    process.once('SIGINT', stop);
  });
  await running.close();
  context.out('Stopped.');
  return 0;
}
