// The baseline of bench/pages.ts: a bare Next.js app of the same Next version, copied to a folder of its own
// and built and served in the same run as ours. Its own root: left to find the repository's lockfile, Next
// would take the repository as the workspace and compile our instrumentation.ts into it.
const config = { turbopack: { root: import.meta.dirname } };
export default config;
