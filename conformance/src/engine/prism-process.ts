// The child process launchPrism (prism.ts) starts: Prism's mock of the bundled document on a free
// loopback port (its first argument, or one the OS picks), its URL printed as the first line. It stops on SIGTERM, and when its parent goes
// away (its stdin closes), so a killed run never leaves a Prism behind.
import { startPrism } from './prism.js';

const prism = await startPrism(process.argv[2] ? { port: Number(process.argv[2]) } : {});
process.stdout.write(`${prism.url}\n`);
const stop = () => void prism.close().finally(() => process.exit(0));
process.once('SIGTERM', stop);
process.once('SIGINT', stop);
process.stdin.on('close', stop);
process.stdin.resume();
