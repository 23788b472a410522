// GET /api/workflows/config — the reference's alias of GET /api/workflows
export { GET, POST, PUT, PATCH, DELETE } from '../route';
