/**
 * What answers a path no route has under an API prefix (`/api`, `/__mozaiks`), whatever the method:
 * a JSON 404 naming method and path, where Next would send its HTML not-found page to a client that
 * expects JSON. Served by the catch-all route files of those prefixes.
 */
import { ApiError } from '@/lib/errors';
import { methods, route } from './route';

const notFound = route<{ path: string[] }>({ auth: 'public' }, ({ request }) => {
  throw new ApiError('NOT_FOUND', `No API route matches ${request.method} ${new URL(request.url).pathname}`);
});

export const noRoute = methods({ GET: notFound, POST: notFound, PUT: notFound, PATCH: notFound, DELETE: notFound, OPTIONS: notFound });
