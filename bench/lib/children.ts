import { spawn, type ChildProcess, type SpawnOptions } from 'node:child_process';
import { readFileSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';

const running = new Set<ChildProcess>();

/** Every child this process started, stopped on exit, on errors and on Ctrl+C: nothing outlives the bench. */
export function killAllChildren(): void {
  for (const child of running) {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  }
  running.clear();
}

let isInstalled = false;
export function installCleanup(): void {
  if (isInstalled) return;
  isInstalled = true;
  process.on('exit', killAllChildren);
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.on(signal, () => {
      console.error(`\n${signal}: stopping child processes`);
      killAllChildren();
      process.exit(130);
    });
  }
  process.on('uncaughtException', (error) => {
    console.error(error);
    killAllChildren();
    process.exit(1);
  });
  process.on('unhandledRejection', (error) => {
    console.error(error);
    killAllChildren();
    process.exit(1);
  });
}

export function track(child: ChildProcess): ChildProcess {
  running.add(child);
  child.once('exit', () => running.delete(child));
  return child;
}

export const ROOT = path.resolve(import.meta.dirname, '..', '..');

/** Runs a TypeScript file of bench/ in its own Node process (through tsx). */
export function spawnTs(
  file: string,
  args: readonly string[],
  options: SpawnOptions = {},
  nodeArgs: readonly string[] = [],
): ChildProcess {
  return track(
    spawn(process.execPath, [...nodeArgs, '--import', 'tsx', path.join(ROOT, file), ...args], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'inherit'],
      ...options,
    }),
  );
}

/** Collects a child's stdout and resolves when it exits 0; rejects with its code otherwise. */
export function collect(child: ChildProcess, label: string): Promise<string> {
  return new Promise((resolve, reject) => {
    let output = '';
    child.stdout?.setEncoding('utf8');
    child.stdout?.on('data', (chunk: string) => {
      output += chunk;
    });
    child.once('error', reject);
    child.once('exit', (code, signal) => {
      if (code === 0) resolve(output);
      else reject(new Error(`${label} exited with ${code ?? signal}: ${output.slice(-2000)}`));
    });
  });
}

/** Reads lines from a child's stdout until one matches; used for "listening on port N". */
export function waitForLine(
  child: ChildProcess,
  pattern: RegExp,
  timeoutMs: number,
): Promise<RegExpExecArray> {
  return new Promise((resolve, reject) => {
    let buffer = '';
    const timer = setTimeout(
      () => reject(new Error(`no line matching ${pattern} within ${timeoutMs} ms`)),
      timeoutMs,
    );
    child.stdout?.setEncoding('utf8');
    child.stdout?.on('data', (chunk: string) => {
      buffer += chunk;
      const match = pattern.exec(buffer);
      if (match) {
        clearTimeout(timer);
        resolve(match);
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`child exited (${code}) before printing ${pattern}`));
    });
  });
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

export async function stop(child: ChildProcess, timeoutMs = 10_000): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  await new Promise<void>((resolve) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
    }, timeoutMs);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

/** Resident set size of a process in MB, from /proc (Linux); null elsewhere or once it has exited. */
export function residentMb(pid: number | undefined): number | null {
  if (pid === undefined) return null;
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const match = /VmRSS:\s+(\d+) kB/.exec(status);
    return match?.[1] ? Number(match[1]) / 1024 : null;
  } catch {
    return null;
  }
}

/** Samples a process's RSS every 200 ms until stopped; returns the peak. */
export function sampleRss(pid: number | undefined): () => number | null {
  let peak: number | null = residentMb(pid);
  const timer = setInterval(() => {
    const value = residentMb(pid);
    if (value !== null && (peak === null || value > peak)) peak = value;
  }, 200);
  return () => {
    clearInterval(timer);
    return peak;
  };
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
