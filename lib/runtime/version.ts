/**
 * The runtime contract version sent as `X-Mozaiks-Runtime-Version` on every response.
 * It tracks the HTTP contract of the original MozaiksCore runtime (which sends `1.0.0`),
 * not this package's version: clients use it to know which contract they talk to.
 */
export const RUNTIME_VERSION = '1.0.0';

export const RUNTIME_VERSION_HEADER = 'X-Mozaiks-Runtime-Version';
