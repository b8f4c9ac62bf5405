import { randomUUID } from 'node:crypto';
import type { State } from './store.js';
import type { HookEvent, Project, WebhookDelivery } from './types.js';

/** Sends an event to the project's webhooks that want it, after the change, in the background (as Sidekiq does). */
export function emit(
  state: State,
  project: Project,
  event: HookEvent,
  payload: Record<string, unknown>,
): void {
  for (const hook of state.webhooks) {
    if (hook.projectId !== project.id || !hook.events.includes(event)) continue;
    const delivery: WebhookDelivery = {
      hookId: hook.id,
      event,
      uuid: randomUUID(),
      payload,
      status: null,
      error: null,
    };
    state.deliveries.push(delivery);
    deliver(state, delivery);
  }
}

/** Posts a delivery (again): a redelivery keeps its `X-Gitlab-Event-UUID`, as GitLab's "Resend request" does. */
export function deliver(state: State, delivery: WebhookDelivery): void {
  const hook = state.webhooks.find((candidate) => candidate.id === delivery.hookId);
  if (!hook) return;
  const headers: Record<string, string> = {
    'Content-Type': 'application/json',
    'User-Agent': 'GitLab/17.11.0',
    'X-Gitlab-Event': delivery.event,
    'X-Gitlab-Event-UUID': delivery.uuid,
    'X-Gitlab-Webhook-UUID': hook.uuid,
    'X-Gitlab-Instance': state.baseUrl,
  };
  if (hook.token !== undefined) headers['X-Gitlab-Token'] = hook.token;
  const sending = fetch(hook.url, {
    method: 'POST',
    headers,
    body: JSON.stringify(delivery.payload),
    signal: AbortSignal.timeout(5000),
  })
    .then(async (response) => {
      delivery.status = response.status;
      await response.arrayBuffer();
    })
    .catch((error: unknown) => {
      delivery.error = error instanceof Error ? error.message : String(error);
    })
    .finally(() => state.inFlight.delete(sending));
  state.inFlight.add(sending);
}

/** Waits until every delivery made so far has been answered (or failed). */
export async function flush(state: State): Promise<void> {
  while (state.inFlight.size > 0) await Promise.all([...state.inFlight]);
}
