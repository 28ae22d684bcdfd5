import { createHmac } from 'node:crypto';
import { chatBody, isAcceptedReply, type ChatKind, type ChatMessage } from '../../core/notifications/chat.ts';
import { AppError } from '../../core/errors/index.ts';
import type { AppConfig } from '../config.ts';

/** DingTalk "加签": base64(HMAC-SHA256(secret, timestamp + "\n" + secret)); timestamp in milliseconds. */
export function dingTalkSign(secret: string, timestampMs: number): string {
  return createHmac('sha256', secret).update(`${timestampMs}\n${secret}`).digest('base64');
}

/** Feishu/Lark: HMAC-SHA256 keyed by timestamp + "\n" + secret over an empty message; timestamp in seconds. */
export function feishuSign(secret: string, timestampSeconds: number): string {
  return createHmac('sha256', `${timestampSeconds}\n${secret}`).update('').digest('base64');
}

/** Generic webhooks: `sha256=` + hex HMAC-SHA256 of "timestamp.body", so a replayed body with a new time fails. */
export function webhookSign(secret: string, timestampSeconds: number, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(`${timestampSeconds}.${body}`).digest('hex')}`;
}

export type ChatTargetConfig = { kind: ChatKind; url: string; secret: string | null };

export type ChatRequest = { url: string; headers: Record<string, string>; body: string };

/** The HTTP request a platform expects, signed with the target's secret where the platform signs. */
export function buildChatRequest(target: ChatTargetConfig, message: ChatMessage, now: number): ChatRequest {
  const body: Record<string, unknown> = chatBody(target.kind, message);
  const headers: Record<string, string> = { 'content-type': 'application/json; charset=utf-8' };
  let url = target.url;
  if (target.secret) {
    if (target.kind === 'dingtalk') {
      const address = new URL(target.url);
      address.searchParams.set('timestamp', String(now));
      address.searchParams.set('sign', dingTalkSign(target.secret, now));
      url = address.toString();
    } else if (target.kind === 'feishu') {
      const seconds = Math.floor(now / 1000);
      body.timestamp = String(seconds);
      body.sign = feishuSign(target.secret, seconds);
    }
  }
  const text = JSON.stringify(body);
  if (target.kind === 'webhook') {
    const seconds = Math.floor(now / 1000);
    headers['x-opsplan-timestamp'] = String(seconds);
    if (target.secret) headers['x-opsplan-signature'] = webhookSign(target.secret, seconds, text);
  }
  return { url, headers, body: text };
}

export type PostResult =
  | { ok: true; status: number }
  | { ok: false; status: number | null; reason: 'timeout' | 'refused' | 'rejected'; detail: string };

/** Posts one message; never throws, and never waits longer than `timeoutMs`. */
export async function postChat(
  target: ChatTargetConfig,
  message: ChatMessage,
  now: number,
  timeoutMs: number,
): Promise<PostResult> {
  const request = buildChatRequest(target, message, now);
  try {
    const response = await fetch(request.url, {
      method: 'POST',
      headers: request.headers,
      body: request.body,
      redirect: 'manual',
      signal: AbortSignal.timeout(timeoutMs),
    });
    const text = (await response.text()).slice(0, 2000);
    const verdict = isAcceptedReply(target.kind, response.status, text);
    return verdict.ok
      ? { ok: true, status: response.status }
      : { ok: false, status: response.status, reason: 'rejected', detail: verdict.detail };
  } catch (error) {
    const name = error instanceof Error ? error.name : '';
    if (name === 'TimeoutError' || name === 'AbortError') {
      return { ok: false, status: null, reason: 'timeout', detail: `no answer within ${timeoutMs} ms` };
    }
    const cause =
      error instanceof Error && error.cause instanceof Error ? error.cause.message : String(error);
    return { ok: false, status: null, reason: 'refused', detail: cause.slice(0, 300) };
  }
}

const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]', '::1', '0.0.0.0', '[::]']);

function hostKey(url: URL): string {
  const host = LOOPBACK.has(url.hostname) ? 'loopback' : url.hostname.toLowerCase();
  const port = url.port || (url.protocol === 'https:' ? '443' : '80');
  return `${host}:${port}`;
}

/** The origins this instance answers on: its PUBLIC_URL and its listen address(es). */
export function selfOrigins(
  config: Pick<AppConfig, 'publicUrl' | 'host' | 'port'>,
  listening: readonly string[],
) {
  const origins = [config.publicUrl, ...listening];
  if (config.port)
    origins.push(`http://${config.host.includes(':') ? `[${config.host}]` : config.host}:${config.port}`);
  const keys = new Set<string>();
  for (const origin of origins) {
    try {
      keys.add(hostKey(new URL(origin)));
    } catch {
      // A listen address we cannot read is not one a target could name.
    }
  }
  return keys;
}

/** A chat target must be http(s) and must not point back at this app (it would post to itself). */
export function checkTargetUrl(value: string, self: ReadonlySet<string>): void {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new AppError('chat_target_url_invalid', {}, [{ path: 'url', message: '' }]);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new AppError('chat_target_url_invalid', {}, [{ path: 'url', message: '' }]);
  }
  if (url.username || url.password) {
    throw new AppError('chat_target_url_invalid', {}, [{ path: 'url', message: '' }]);
  }
  if (self.has(hostKey(url))) throw new AppError('chat_target_url_self', {}, [{ path: 'url', message: '' }]);
}
