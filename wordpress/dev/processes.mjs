/**
 * Small process helpers of the WordPress runner: finding binaries, running a
 * command to completion, and telling whether a PID from a pid file is still
 * the process we started (PIDs get reused).
 */
import { execFile, spawn } from 'node:child_process';
import { accessSync, constants, readdirSync, readFileSync } from 'node:fs';
import { delimiter, join } from 'node:path';

/** Raised for problems the user can fix; the CLI prints the message without a stack. */
export class RunnerError extends Error {
  constructor(message, options) {
    super(message, options);
    this.name = 'RunnerError';
  }
}

export const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;

/** A binary on PATH or in the sbin folders (not on a normal user's PATH, where mariadbd lives). */
export function findBinary(...names) {
  const dirs = [...(process.env.PATH ?? '').split(delimiter).filter(Boolean), '/usr/local/sbin', '/usr/sbin', '/sbin'];
  for (const name of names) {
    for (const dir of dirs) {
      const file = join(dir, name);
      try {
        accessSync(file, constants.X_OK);
        return file;
      } catch {
        // next
      }
    }
  }
  return undefined;
}

/** Runs a command to completion; rejects with its output when it fails. */
export function run(file, args, { env, input, timeoutMs = 120_000, cwd } = {}) {
  return new Promise((resolve, reject) => {
    const child = execFile(file, args, { env, cwd, timeout: timeoutMs, maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
      if (error) {
        const output = `${stderr}${stdout}`.trim().split('\n').slice(-20).join('\n');
        reject(new RunnerError(`\`${[file, ...args].join(' ')}\` failed (${error.code ?? error.signal ?? error.message})${output ? `:\n${output}` : ''}`, { cause: error }));
      } else resolve({ stdout, stderr });
    });
    if (input !== undefined) child.stdin.end(input);
  });
}

/** Runs a command with the terminal attached (apt-get, the builds), rejecting on a non-zero exit. */
export function runAttached(file, args, { env, cwd } = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(file, args, { stdio: 'inherit', env, cwd });
    child.on('error', reject);
    child.on('exit', (code, signal) =>
      code === 0 ? resolve() : reject(new RunnerError(`\`${[file, ...args].join(' ')}\` failed (${signal ?? `exit code ${code}`})`)),
    );
  });
}

/** The PID in a pid file, or undefined. */
export function readPid(file) {
  try {
    const pid = Number.parseInt(readFileSync(file, 'utf8').trim(), 10);
    return pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
}

function commandLine(pid) {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').filter(Boolean);
  } catch {
    return undefined;
  }
}

/**
 * Whether `pid` is alive and, where /proc tells, its command line contains
 * every string of `marks` (so a reused PID is not mistaken for ours).
 */
export function isOurProcess(pid, marks) {
  if (!pid) return false;
  try {
    process.kill(pid, 0);
  } catch (error) {
    if (error.code !== 'EPERM') return false;
  }
  const argv = commandLine(pid);
  if (argv === undefined) return process.platform !== 'linux';
  if (readState(pid) === 'Z') return false;
  const joined = argv.join(' ');
  return marks.every((mark) => joined.includes(mark));
}

function statFields(pid) {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // "pid (comm) state ppid pgrp …": comm may hold spaces and parentheses.
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  } catch {
    return undefined;
  }
}

function readState(pid) {
  return statFields(pid)?.[0];
}

/** Live PIDs of a process group (Linux /proc); the PHP server's workers stay in their parent's group. */
export function groupMembers(pgid) {
  let entries;
  try {
    entries = readdirSync('/proc');
  } catch {
    return [];
  }
  const members = [];
  for (const entry of entries) {
    if (!/^\d+$/.test(entry)) continue;
    const fields = statFields(entry);
    if (fields && Number(fields[2]) === pgid && fields[0] !== 'Z') members.push(Number(entry));
  }
  return members;
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Stops a process group: SIGTERM to the group, then SIGKILL to what is left
 * after `graceMs`. Resolves when no member is left.
 */
export async function stopGroup(pgid, graceMs = 5000) {
  const signalGroup = (signal) => {
    try {
      process.kill(-pgid, signal);
    } catch {
      // already gone
    }
  };
  signalGroup('SIGTERM');
  const deadline = Date.now() + graceMs;
  while (groupMembers(pgid).length > 0 && Date.now() < deadline) await sleep(50);
  if (groupMembers(pgid).length > 0) {
    signalGroup('SIGKILL');
    while (groupMembers(pgid).length > 0) await sleep(50);
  }
}

/** Stops one process (SIGTERM, SIGKILL after `graceMs`) and waits until it is gone. */
export async function stopProcess(pid, marks, graceMs = 30_000) {
  if (!isOurProcess(pid, marks)) return;
  process.kill(pid, 'SIGTERM');
  const deadline = Date.now() + graceMs;
  while (isOurProcess(pid, marks) && Date.now() < deadline) await sleep(50);
  if (isOurProcess(pid, marks)) {
    process.kill(pid, 'SIGKILL');
    while (isOurProcess(pid, marks)) await sleep(50);
  }
}

export { sleep };
