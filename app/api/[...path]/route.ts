// ANY /api/* — paths no route matches: a JSON 404 instead of the HTML not-found page
import { ApiError, methods, route } from '@/lib/http';

const notFound = route<{ path: string[] }>({ auth: 'public' }, ({ request }) => {
  throw new ApiError('NOT_FOUND', `No API route matches ${request.method} ${new URL(request.url).pathname}`);
});

export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = methods({ GET: notFound, POST: notFound, PUT: notFound, PATCH: notFound, DELETE: notFound, OPTIONS: notFound });
