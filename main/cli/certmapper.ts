import 'reflect-metadata';
import { DomainError } from '../../shared/ipc';
import { defaultDataDir } from '../node/default-data-dir';
import { openNodeServices } from '../node/open-node-services';
import { createDispatcher, type Dispatch } from '../ipc/dispatcher';
import { createHandlers } from '../services/handlers';
import { UsageError, type CliContext } from './cli-context';
import { CERT_USAGE, certCommand } from './commands/cert-command';
import { SERVE_USAGE, serveCommand } from './commands/serve-command';
import { SITE_USAGE, siteCommand } from './commands/site-command';
import { MAP_USAGE, mapCommand } from './commands/map-command';
import { RULE_USAGE, ruleCommand } from './commands/rule-command';
import { ACCOUNT_USAGE, accountCommand } from './commands/account-command';
import { AUTHZ_USAGE, authzCommand } from './commands/authz-command';
import { WHATIF_USAGE, whatifCommand } from './commands/whatif-command';
import { KEY_USAGE, keyCommand } from './commands/key-command';
import { BINDING_USAGE, bindingCommand } from './commands/binding-command';
import { EXPIRY_USAGE, expiryCommand } from './commands/expiry-command';
import { CA_USAGE, caCommand } from './commands/ca-command';

const USAGE = `Usage: certmapper [--data DIR] <command>

Data folder: --data DIR, else $CERTMAPPER_DATA, else the platform's user-data folder.

${SERVE_USAGE}
${CERT_USAGE}
${SITE_USAGE}
${MAP_USAGE}
${RULE_USAGE}
${ACCOUNT_USAGE}
${AUTHZ_USAGE}
${WHATIF_USAGE}
${KEY_USAGE}
${BINDING_USAGE}
${EXPIRY_USAGE}
${CA_USAGE}
certmapper info [--json]`;

/** Pull the global --data option out wherever it appears, so every verb accepts it. */
function splitDataOption(argv: string[]): { dataDir: string; rest: string[] } {
  const rest: string[] = [];
  let dataDir: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    if (arg === '--data') dataDir = argv[++i];
    else if (arg.startsWith('--data=')) dataDir = arg.slice('--data='.length);
    else rest.push(arg);
  }
  return { dataDir: dataDir ?? defaultDataDir(), rest };
}

/** Runs one command line; returns the exit status (0 ok, 1 failed, 2 usage). */
export async function runCli(argv: string[], io = { out: console.log, err: console.error }): Promise<number> {
  const { dataDir, rest } = splitDataOption(argv);
  const [command, ...args] = rest;
  if (!command || command === 'help' || command === '--help' || command === '-h') {
    io.out(USAGE);
    return command ? 0 : 2;
  }
  let dispatch: Dispatch | undefined;
  const context: CliContext = {
    args,
    dataDir,
    out: io.out,
    err: io.err,
    // Opened on first use, so `serve` does not open the stores twice.
    dispatch: (channel, payload, ctx) => {
      if (!dispatch) {
        const services = openNodeServices(dataDir);
        for (const notice of services.notices) io.err(`Notice: ${notice}`);
        dispatch = createDispatcher(createHandlers(services));
      }
      return dispatch(channel, payload, ctx);
    },
  };
  try {
    switch (command) {
      case 'serve':
        return await serveCommand(context);
      case 'cert':
        return await certCommand(context);
      case 'site':
        return await siteCommand(context);
      case 'map':
        return await mapCommand(context);
      case 'rule':
        return await ruleCommand(context);
      case 'account':
        return await accountCommand(context);
      case 'authz':
        return await authzCommand(context);
      case 'whatif':
        return await whatifCommand(context);
      case 'key':
        return await keyCommand(context);
      case 'binding':
        return await bindingCommand(context);
      case 'expiry':
        return await expiryCommand(context);
      case 'ca':
        return await caCommand(context);
      case 'info': {
        const result = await context.dispatch('app.info', {}, { transport: 'cli' });
        io.out(JSON.stringify(result.ok ? result.value : result.error, null, 2));
        return result.ok ? 0 : 1;
      }
      default:
        throw new UsageError(`Unknown command: ${command}`);
    }
  } catch (error) {
    if (error instanceof UsageError || (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      io.err(`${(error as Error).message}\n\n${USAGE}`);
      return 2;
    }
    if (error instanceof DomainError) {
      io.err(`Error (${error.code}): ${error.message}`);
      return 1;
    }
    throw error;
  }
}
