import { describe, expect, it } from 'vitest';
import { EventHub } from '../../../main/events/event-hub';

describe('event hub audience', () => {
  it('says when the first console connects and the last one leaves, once each, and tells a late listener at once', () => {
    const hub = new EventHub();
    const told: boolean[] = [];
    hub.onAudience((present) => told.push(present));
    const first = hub.attachConsole();
    const second = hub.attachConsole();
    first();
    first(); // a second disconnect of the same console changes nothing
    expect(told).toEqual([false, true]);
    second();
    expect(told).toEqual([false, true, false]);
    const late: boolean[] = [];
    hub.attachConsole();
    hub.onAudience((present) => late.push(present));
    expect(late).toEqual([true]);
  });
});
