import { HttpException } from '@nestjs/common';
import type { UpstreamClient } from '../upstream/upstream.client';

/** One part of an aggregated answer: its value, or why it is missing. */
export type Part<T> = { ok: true; value: T } | { ok: false; part: string; reason: string };

/**
 * Fetches one part with its own deadline. A part that is slow, down or absent becomes a named
 * gap in the answer instead of failing the whole request.
 */
export async function fetchPart<T>(
  part: string,
  upstream: UpstreamClient,
  path: string,
  deadlineMs: number,
): Promise<Part<T>> {
  try {
    return {
      ok: true,
      value: (await upstream.request<T>('GET', path, undefined, deadlineMs)).body,
    };
  } catch (error) {
    if (error instanceof HttpException && error.getStatus() === 404)
      return { ok: false, part, reason: 'not-found' };
    if (error instanceof HttpException && error.getStatus() === 503)
      return { ok: false, part, reason: 'unavailable' };
    return { ok: false, part, reason: 'failed' };
  }
}

export const valueOf = <T>(part: Part<T>): T | null => (part.ok ? part.value : null);

export const gapOf = <T>(part: Part<T>) =>
  part.ok ? [] : [{ part: part.part, reason: part.reason }];
