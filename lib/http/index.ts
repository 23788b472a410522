export { ApiError, isApiError, type ApiErrorOptions, type ErrorCode } from '@/lib/errors';
export { INTERNAL_ERROR_DETAIL, json, toErrorResponse, type ErrorBody } from './respond';
export { methods, PROCESS_TIME_HEADER, route, type RouteContext, type RouteHandler, type RouteOptions } from './route';
export { MAX_BODY_BYTES, readBytes, readForm, readJson, readQuery } from './body';
export { clientAddress, clientProtocol } from './client-address';
export { CORRELATION_ID_HEADER, correlationIdOf } from './correlation';
export { parseOrRefuse } from './validate';
