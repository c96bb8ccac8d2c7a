import { Notification } from 'electron';
import type { ExpiryService } from '../services/expiry/expiry-service';
import { decideExpiryNotification } from '../services/expiry/expiry-notification';

const CHECK_EVERY_MS = 60 * 60 * 1000;

/**
 * Desktop notifications for certificates in use that enter the warning window or expire: at start,
 * then hourly. What to say is decided by decideExpiryNotification (unit-tested); this only shows it.
 */
export function startExpiryNotifications(expiry: ExpiryService, onClick: () => void): () => void {
  let notified = new Set<string>();
  const check = () => {
    if (!Notification.isSupported()) return;
    const decision = decideExpiryNotification(expiry.overview({ scope: 'in-use' }), notified);
    notified = decision.notified;
    if (!decision.notice) return;
    const notification = new Notification(decision.notice);
    notification.on('click', onClick);
    notification.show();
  };
  check();
  const timer = setInterval(check, CHECK_EVERY_MS);
  return () => clearInterval(timer);
}
