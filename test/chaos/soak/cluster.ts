/**
 * The deployment under test: one or two `ROLE=web` processes behind the balancer and two
 * `ROLE=worker` processes, all on one PostgreSQL database. `kill` SIGKILLs one of them and starts
 * it again (same port for a web process, so the balancer's list stays right).
 */
import { join } from 'node:path';
import { startAppProcess, type AppProcess } from '../../helpers/appProcess.ts';
import { freePort } from '../../helpers/freePort.ts';
import type { Balancer } from './balancer.ts';

export interface Member {
  name: string;
  role: 'web' | 'worker';
  port: number;
  process: AppProcess | undefined;
  starts: number;
}

export interface KillEvent {
  at: string;
  /** Seconds since the soak's load started. */
  second: number;
  target: string;
  pid: number | undefined;
  /** Seconds until the replacement was up (listening, or running jobs). */
  restartSeconds: number;
}

export class Cluster {
  readonly members: Member[] = [];
  readonly kills: KillEvent[] = [];
  readonly #env: Record<string, string>;
  readonly #balancer: Balancer;
  readonly #logDir: string;

  constructor(env: Record<string, string>, balancer: Balancer, logDir: string) {
    this.#env = env;
    this.#balancer = balancer;
    this.#logDir = logDir;
  }

  async start(webs: number): Promise<void> {
    for (let i = 1; i <= webs; i++)
      this.members.push({ name: `web-${i}`, role: 'web', port: await freePort(), process: undefined, starts: 0 });
    for (let i = 1; i <= 2; i++)
      this.members.push({ name: `worker-${i}`, role: 'worker', port: 0, process: undefined, starts: 0 });
    // The first one migrates the empty database; the rest start together (migrations are locked anyway).
    await this.#launch(this.members[0]!);
    await Promise.all(this.members.slice(1).map((m) => this.#launch(m)));
    this.#balancer.backends = this.members.filter((m) => m.role === 'web').map((m) => m.port);
  }

  async #launch(member: Member): Promise<void> {
    const env = { ...this.#env, ROLE: member.role, PORT: String(member.port) };
    for (let attempt = 1; ; attempt++) {
      try {
        member.process = await startAppProcess(env, { logFile: join(this.#logDir, `${member.name}.log`) });
        member.starts++;
        return;
      } catch (error) {
        // A port not yet released by the killed process, or a database hiccup: try again.
        if (attempt >= 5) throw error;
        await new Promise((resolve) => setTimeout(resolve, 1000 * attempt));
      }
    }
  }

  /** SIGKILL `member` (no graceful anything) and start it again. */
  async kill(member: Member, second: number): Promise<KillEvent> {
    const pid = member.process?.child.pid;
    await member.process?.stop('SIGKILL');
    const started = performance.now();
    await this.#launch(member);
    const event: KillEvent = {
      at: new Date().toISOString(),
      second,
      target: member.name,
      pid,
      restartSeconds: Math.round((performance.now() - started) / 100) / 10,
    };
    this.kills.push(event);
    return event;
  }

  async stopAll(): Promise<void> {
    await Promise.all(this.members.map((m) => m.process?.stop('SIGTERM')));
  }
}
