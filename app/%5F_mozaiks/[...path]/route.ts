// ANY /__mozaiks/* — paths no route matches: a JSON 404 instead of the HTML not-found page
import { noRoute } from '@/lib/http/no-route';

export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = noRoute;
