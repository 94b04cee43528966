/** The machine a run happened on, for the report header. */
import { execFileSync } from 'node:child_process';
import os from 'node:os';

export interface Machine {
  cpu: string;
  cores: number;
  memory: string;
  node: string;
  os: string;
  /** 1-minute load average when the run started (other work on the machine skews figures). */
  load: string;
}

/**
 * Describes this machine.
 *
 * @example
 * describeMachine().cpu; // 'AMD EPYC 7763 64-Core Processor'
 */
export function describeMachine(): Machine {
  const cpus = os.cpus();
  return {
    cpu: cpus[0]?.model.trim() ?? 'unknown',
    cores: os.availableParallelism?.() ?? cpus.length,
    memory: `${(os.totalmem() / 1024 ** 3).toFixed(1)} GiB`,
    node: process.version,
    load: os.loadavg()[0]!.toFixed(2),
    os: `${osName()} (${os.platform()} ${os.release()}, ${os.arch()})`,
  };
}

function osName(): string {
  try {
    const release = execFileSync('cat', ['/etc/os-release'], { encoding: 'utf8' });
    return /^PRETTY_NAME="?([^"\n]*)"?/m.exec(release)?.[1] ?? os.type();
  } catch {
    return os.type();
  }
}
