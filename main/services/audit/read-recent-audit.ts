import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { AuditRecord } from '../../../shared/models/decision';

/**
 * The newest audit records, newest first, from audit.log and its rotated predecessors (audit.log.1 ...):
 * what the console's Audit Log pane opens with before live records arrive.
 */
export function readRecentAudit(dataDir: string, options: { limit: number; site?: string; status?: string }): AuditRecord[] {
  const records: AuditRecord[] = [];
  const wanted = (r: AuditRecord) =>
    (!options.site || r.site.toLowerCase() === options.site.toLowerCase()) && (!options.status || r.status.startsWith(options.status));
  for (let index = 0; records.length < options.limit; index++) {
    const file = join(dataDir, 'audit', index === 0 ? 'audit.log' : `audit.log.${index}`);
    if (!existsSync(file)) break;
    const lines = readFileSync(file, 'utf8').split('\n');
    for (let i = lines.length - 1; i >= 0 && records.length < options.limit; i--) {
      const line = lines[i]?.trim();
      if (!line) continue;
      try {
        const record = JSON.parse(line) as AuditRecord;
        if (wanted(record)) records.push(record);
      } catch {
        // A line cut by a crash mid-write is skipped; the rest of the log is still good.
      }
    }
  }
  return records;
}
