/**
 * The route() wrapper against a bare Next route handler returning the same JSON (the baseline), called
 * in-process: the per-request cost of the one wrapper every API route goes through.
 */
import { NextRequest } from 'next/server';
import { route } from '../lib/http/route';
import { fixed, opsPerSecond, ratio, type BenchTable } from './harness';

export async function benchRoute(): Promise<BenchTable> {
  const body = { status: 'healthy', app_id: 'bench', app_tier: 'free', plugins_loaded: 0 };
  const bare = async () => Response.json(body);
  const wrapped = route({ auth: 'public' }, () => body);
  const request = new NextRequest('http://localhost/api/bench');
  const context = { params: Promise.resolve({}) };
  const baseline = await opsPerSecond(() => bare());
  const measured = await opsPerSecond(() => wrapped(request, context));
  return {
    title: 'Request wrapper',
    note: 'One handler call, in-process, returning a small JSON object. Ratio = route() ÷ bare handler.',
    columns: ['case', 'calls/s', 'µs per call'],
    rows: [
      ['bare handler: Response.json (baseline)', fixed(baseline), fixed(1e6 / baseline, 2)],
      ['route() wrapper', fixed(measured), fixed(1e6 / measured, 2)],
      ['ratio', ratio(measured, baseline), ratio(baseline, measured)],
    ],
  };
}
