import { DEFAULT_EXPIRY_LEAD_DAYS, type ExpiryOverview } from '../../../shared/models/expiry';
import type { Clock, ConfigStore } from '../../ports';
import type { CertificateDocument } from '../certificates/certificate-document';
import type { ConfigDocument } from '../sites/config-document';
import { collectExpiryItems } from './expiry-items';
import { expiresWithin, expiryWarning } from './expiry-warning';

/** Which items an overview lists: what something uses (the default), or everything stored. */
export type ExpiryScope = 'in-use' | 'all';

/** What expires when, where it is used, and the warning at the configured lead time. */
export class ExpiryService {
  constructor(
    private readonly config: ConfigStore<ConfigDocument>,
    private readonly certificates: ConfigStore<CertificateDocument>,
    private readonly clock: Clock,
  ) {}

  /** Days ahead the console and the desktop app warn (stored in config.json, default 30). */
  leadDays(): number {
    return this.config.read().settings?.expiryLeadDays ?? DEFAULT_EXPIRY_LEAD_DAYS;
  }

  setLeadDays(days: number): number {
    const document = this.config.read();
    this.config.write({ ...document, settings: { ...document.settings, expiryLeadDays: days } });
    return days;
  }

  /**
   * Items sorted by when they expire. `withinDays`: only those expiring no later than that (expired
   * ones included, marked). The warning always covers everything in use, whatever the filters.
   */
  overview(options: { scope: ExpiryScope; withinDays?: number }): ExpiryOverview {
    const now = this.clock.now();
    const store = this.certificates.read();
    const all = collectExpiryItems({
      sites: Object.values(this.config.read().sites),
      certificates: Object.values(store.certificates),
      crls: Object.values(store.crls),
      now,
    });
    const leadDays = this.leadDays();
    const items = all.filter((item) => (options.scope === 'all' || item.usedBy.length > 0) && (options.withinDays === undefined || expiresWithin(item, options.withinDays, now)));
    return { now: now.toISOString(), leadDays, items, warning: expiryWarning(all, leadDays, now) };
  }
}
