import type { GatewayAuditFile } from './messages';

// A child process has no workerData: where it writes its audit log comes on its command line.
const AUDIT_ARG = '--certmapper-audit=';

/** The command-line argument that gives a gateway child process its audit file. */
export function auditFileArgument(audit: GatewayAuditFile): string {
  return AUDIT_ARG + JSON.stringify(audit);
}

/** The audit file from this process's command line (see auditFileArgument). */
export function auditFileFromArgv(argv: readonly string[] = process.argv): GatewayAuditFile {
  const arg = argv.find((a) => a.startsWith(AUDIT_ARG));
  if (!arg) throw new Error(`the gateway process was started without ${AUDIT_ARG}: start it with startGateway() (gateway-controller.ts)`);
  return JSON.parse(arg.slice(AUDIT_ARG.length)) as GatewayAuditFile;
}
