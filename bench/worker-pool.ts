import { type ChildProcess, fork } from 'node:child_process';
import type { WorkerCommand, WorkerReply } from './worker-messages.ts';

const WORKER = new URL('./load-worker.ts', import.meta.url);

/**
 * The load-generator processes. Each command goes to every worker (or one per worker) and
 * resolves with all their replies; a worker that exits early fails the step instead of
 * leaving the coordinator waiting forever.
 */
export class WorkerPool {
  private readonly workers: ChildProcess[];

  constructor(count: number) {
    this.workers = Array.from({ length: count }, () =>
      fork(WORKER, [], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] }),
    );
  }

  get size(): number {
    return this.workers.length;
  }

  /** Sends `commands[i]` to worker i and waits for each one's reply of type `type`. */
  async ask<T extends WorkerReply['type']>(
    type: T,
    commands: WorkerCommand[],
    timeoutMs: number,
  ): Promise<Extract<WorkerReply, { type: T }>[]> {
    return Promise.all(
      this.workers.map((worker, i) => {
        const command = commands[i]!;
        return new Promise<Extract<WorkerReply, { type: T }>>((resolve, reject) => {
          const timer = setTimeout(
            () => finish(new Error(`worker ${i}: no ${type} within ${timeoutMs} ms`)),
            timeoutMs,
          );
          const onMessage = (reply: WorkerReply) => {
            if (reply.type === type) finish(undefined, reply as Extract<WorkerReply, { type: T }>);
          };
          const onExit = (code: number | null) =>
            finish(new Error(`worker ${i} exited with ${code}`));
          const finish = (error?: Error, reply?: Extract<WorkerReply, { type: T }>) => {
            clearTimeout(timer);
            worker.off('message', onMessage);
            worker.off('exit', onExit);
            if (error) reject(error);
            else resolve(reply!);
          };
          worker.on('message', onMessage);
          worker.once('exit', onExit);
          worker.send(command);
        });
      }),
    );
  }

  /** Asks every worker to close its sockets and exit; kills any that do not. */
  async close(): Promise<void> {
    await Promise.all(
      this.workers.map(
        (worker) =>
          new Promise<void>((resolve) => {
            if (worker.exitCode !== null || !worker.connected) {
              if (worker.exitCode === null) worker.kill();
              resolve();
              return;
            }
            const timer = setTimeout(() => worker.kill('SIGKILL'), 5000);
            worker.once('exit', () => {
              clearTimeout(timer);
              resolve();
            });
            worker.send({ cmd: 'close' } satisfies WorkerCommand);
          }),
      ),
    );
  }
}
