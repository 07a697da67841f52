import { spawn } from 'child_process';

/**
 * Runs a command without blocking jest's event loop (never spawnSync), with its own
 * generous bound: a busy machine makes a command slow, not a test wrong.
 */
export function runCommand(
  command: string,
  args: string[],
  { env = process.env, cwd, timeoutMs = 300_000 }: { env?: NodeJS.ProcessEnv; cwd?: string; timeoutMs?: number } = {},
) {
  return new Promise<{ status: number | null; stdout: string; stderr: string }>((resolve, reject) => {
    const child = spawn(command, args, { env, cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${args.join(' ')} took over ${timeoutMs} ms\n${stdout}\n${stderr}`));
    }, timeoutMs);
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.on('close', (status) => {
      clearTimeout(timer);
      resolve({ status, stdout, stderr });
    });
  });
}
