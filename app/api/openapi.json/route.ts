// GET /api/openapi.json — the OpenAPI 3.1 description of the Director, the core Identity and Billing APIs and the payment proxy
import { methods, route } from '@/lib/http';
import { openApiDocument } from '@/lib/http/openapi';

export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = methods({
  // Public, like the routes' own error messages: it describes the contract, and holds no data.
  GET: route({ auth: 'public' }, () => openApiDocument()),
});
