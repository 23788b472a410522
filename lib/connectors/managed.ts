/** The two shapes of a managed connector method, so that each service reads as its API and nothing else. */
import type { z } from 'zod';
import type { GatewayCaller, GatewayClient, GatewayRequest } from './client';
import { reasonFor, type Availability, type WriteResult } from './results';

/** A GET, retried when that is safe, answering the picked data or why there is none. */
export async function readFrom<S extends z.ZodType, T extends object>(
  client: GatewayClient,
  caller: GatewayCaller,
  request: Pick<GatewayRequest<S>, 'path' | 'query' | 'schema'>,
  pick: (data: z.output<S>) => T,
): Promise<Availability<T>> {
  const result = await client.request({ ...request, method: 'GET', idempotent: true }, caller);
  return result.ok ? { available: true, ...pick(result.data) } : { available: false, reason: reasonFor(result.failure) };
}

/** A POST that creates something: sent once, answering what the gateway returned or why it did not happen. */
export async function writeTo<S extends z.ZodType, T extends object>(
  client: GatewayClient,
  caller: GatewayCaller,
  request: Pick<GatewayRequest<S>, 'path' | 'body' | 'schema'>,
  pick: (data: z.output<S>) => T,
): Promise<WriteResult<T>> {
  const result = await client.request({ ...request, method: 'POST', idempotent: false }, caller);
  return result.ok ? { ok: true, ...pick(result.data) } : { ok: false, reason: reasonFor(result.failure) };
}
