// GET /api/plugins — the plugins the signed-in user may use (the original's v1 alias of /api/available-plugins)
export { GET, POST, PUT, PATCH, DELETE } from '../available-plugins/route';
