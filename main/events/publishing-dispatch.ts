import { contract, isChannelName, type DataChangedEvent } from '../../shared/ipc';
import type { Dispatch } from '../ipc/dispatcher';
import type { EventHub } from './event-hub';

/** Wraps a dispatcher so a successful mutating call tells every console to refresh. */
export function publishingDispatch(dispatch: Dispatch, hub: EventHub): Dispatch {
  return async (channel, payload, context) => {
    const result = await dispatch(channel, payload, context);
    if (result.ok && isChannelName(channel) && contract[channel].mutates) {
      const spec: { topics?: readonly DataChangedEvent['topic'][] } = contract[channel];
      for (const topic of spec.topics ?? [channel.split('.')[0] as DataChangedEvent['topic']]) hub.emit('data.changed', { topic });
    }
    return result;
  };
}
