export { ApiError, ERROR_CODES, isApiError, type ApiErrorOptions, type ErrorCode } from './errors';
export { INTERNAL_ERROR_DETAIL, json, toErrorResponse, type ErrorBody } from './respond';
export { methods, PROCESS_TIME_HEADER, route, type RouteContext, type RouteHandler, type RouteOptions } from './route';
export { clientAddress, MAX_BODY_BYTES, readForm, readJson, readQuery } from './body';
export { CORRELATION_ID_HEADER, correlationIdOf } from './correlation';
export { parseOrRefuse } from './validate';
