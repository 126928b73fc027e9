/**
 * @module core/pull/ping-hub
 * Tell a WebSub hub that a topic (one feed URL) changed, so it fetches it and pushes it to subscribers.
 * W3C WebSub §7 leaves the publisher-to-hub step to each hub; the form every common hub accepts is
 * PubSubHubbub's: `hub.mode=publish` and `hub.url={topic}`, form-encoded, one topic per request. A hub
 * answers 2xx when it took the ping (most say 204 No Content).
 *
 * `createPolicyPostForm` is the runtime-neutral `PostForm`: each runtime passes only its `fetch`.
 */
import { LedeError } from '../errors.ts';
import type { PostForm } from '../ports.ts';
import { DEFAULT_USER_AGENT } from './http-policy.ts';

/** The runtime's `fetch` for a form POST: redirects are not followed (a hub that moves is a failed ping). */
export type SendForm = (
  url: string,
  init: {
    readonly method: 'POST';
    readonly headers: Record<string, string>;
    readonly body: string;
    readonly signal: AbortSignal;
    readonly redirect: 'manual';
  },
) => Promise<{ readonly status: number; readonly body: { cancel(): Promise<void> } | null }>;

export interface PolicyPostFormOptions {
  readonly send: SendForm;
  readonly userAgent?: string;
  /** Whole request, answer included (default 10 s: a hub answers a ping at once, it fetches later). */
  readonly timeoutMs?: number;
  /** Called before the request; may throw a `LedeError` to refuse it (the Worker's subrequest budget). */
  readonly onSubrequest?: (url: string) => void;
}

/** A thrown value as the port's error: ours pass, our timeout signal's becomes `timeout`, the rest `network`. */
function classifyPostError(error: unknown, url: string): LedeError {
  if (error instanceof LedeError) return error;
  if ((error as { name?: string }).name === 'TimeoutError')
    return new LedeError('timeout', `Timed out posting to ${url}`, { cause: error });
  const detail = error instanceof Error ? error.message : String(error);
  return new LedeError('network', `Could not post to ${url}: ${detail}`, { cause: error });
}

/** `application/x-www-form-urlencoded` per the WHATWG URL Standard (URLSearchParams serializes exactly that). */
function encodeForm(fields: readonly (readonly [string, string])[]): string {
  const form = new URLSearchParams();
  for (const [name, value] of fields) form.append(name, value);
  return form.toString();
}

/**
 * A `PostForm` over the runtime's `fetch`: form-encoded body, Lede's User-Agent, a total timeout, the
 * answer's body discarded (only its status matters).
 *
 * @example const postForm = createPolicyPostForm({ send: (url, init) => fetch(url, init) });
 */
export function createPolicyPostForm(options: PolicyPostFormOptions): PostForm {
  return async (url, fields) => {
    try {
      options.onSubrequest?.(url);
      const response = await options.send(url, {
        method: 'POST',
        headers: {
          'content-type': 'application/x-www-form-urlencoded',
          'user-agent': options.userAgent ?? DEFAULT_USER_AGENT,
        },
        body: encodeForm(fields),
        signal: AbortSignal.timeout(options.timeoutMs ?? 10_000),
        redirect: 'manual',
      });
      await response.body?.cancel();
      return { status: response.status };
    } catch (error) {
      throw classifyPostError(error, url);
    }
  };
}

/**
 * Ping `hub` about `topic`. Rejects with a `LedeError` (`http-status` for a non-2xx answer, else the
 * port's `timeout`/`network`).
 *
 * @example await pingHub(deps.websub.postForm, 'https://hub.example/', 'https://feeds.example/feeds/a.rss')
 */
export async function pingHub(postForm: PostForm, hub: string, topic: string): Promise<void> {
  const { status } = await postForm(hub, [
    ['hub.mode', 'publish'],
    ['hub.url', topic],
  ]);
  if (status < 200 || status > 299) {
    throw new LedeError('http-status', `the hub ${hub} answered ${String(status)} to a publish ping for ${topic}`, {
      status,
    });
  }
}
