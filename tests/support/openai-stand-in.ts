// The OpenAI stand-in as a process, for end-to-end runs: `tsx tests/support/openai-stand-in.ts`
// listens on OPENAI_STAND_IN_PORT and plays the shipped workflows' agents (./scripted-model.ts).
import { startOpenAIServer } from './openai-server';
import { scriptedWorkflowModel } from './scripted-model';

const port = Number(process.env.OPENAI_STAND_IN_PORT ?? 3190);
const server = await startOpenAIServer({ respond: scriptedWorkflowModel(), apiKey: process.env.OPENAI_STAND_IN_KEY, port });
process.stdout.write(`OpenAI stand-in on ${server.url}\n`);
const stop = () => void server.close().then(() => process.exit(0));
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
