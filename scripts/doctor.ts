// npm run doctor — checks the environment and every config file as start-up would; exit code 1 on any error.
import nextEnv from '@next/env';
import { formatDoctorReport, runDoctor } from '@/lib/doctor';

nextEnv.loadEnvConfig(process.cwd(), process.env.NODE_ENV !== 'production', { info: () => {}, error: console.error });
const report = runDoctor();
process.stdout.write(`${formatDoctorReport(report)}\n`);
process.exit(report.errorCount === 0 ? 0 : 1);
