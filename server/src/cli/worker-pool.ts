import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { nodeFileAccess } from '../project/node-file-access';
import { Project } from '../project/project';
import { repositoryRoots } from '../project/roots';
import { FileChecker, type FileJob, type FileOutcome } from './check-file';

/** What a worker thread of `blueprint check` is told: where the run is, and the rc file named by --config. */
interface CheckWorkerData {
  readonly role: typeof WORKER_ROLE;
  readonly cwd: string;
  readonly config: string | undefined;
}

const WORKER_ROLE = 'blueprint-check';

/** Some of the run's jobs, from `start` on, sent to a worker, and its answer. */
interface Batch {
  readonly start: number;
  readonly batch: readonly FileJob[];
}
interface Answer {
  readonly start: number;
  readonly outcomes: readonly FileOutcome[];
}

/** How much of a run's files a worker is given at a time: small, so that the threads finish together. */
const JOBS_PER_MESSAGE = 4;

/**
 * In a worker thread started by `checkInWorkers`: checks the jobs it is sent, with a project
 * layer of its own (each thread reads the rc files and templates it needs, once), and answers
 * each batch with its outcomes. Returns whether this thread is such a worker.
 */
export function serveChecksIfWorker(): boolean {
  const data = workerData as Partial<CheckWorkerData> | undefined;
  if (isMainThread || data?.role !== WORKER_ROLE || !parentPort) return false;
  const port = parentPort;
  const cwd = data.cwd!;
  const project = new Project({
    files: nodeFileAccess,
    rootOf: repositoryRoots(nodeFileAccess, cwd),
    ...(data.config ? { configFile: data.config } : {}),
  });
  const checker = new FileChecker(project, nodeFileAccess);
  port.on('message', ({ start, batch }: Batch) => {
    void checkAll(checker, batch).then((outcomes) => port.postMessage({ start, outcomes } satisfies Answer));
  });
  return true;
}

/**
 * How many files a thread has in hand at once: while one is analysed (synchronous work), the next
 * ones are being opened and read by Node's I/O threads, so the thread never waits for the disk.
 */
const FILES_IN_FLIGHT = 4;

/** Each job's outcome, in order; a failure of our own is that file's problem, not the run's end. */
export async function checkAll(checker: FileChecker, jobs: readonly FileJob[]): Promise<FileOutcome[]> {
  const outcomes = new Array<FileOutcome>(jobs.length);
  let next = 0;
  const lane = async () => {
    while (next < jobs.length) {
      const index = next++;
      outcomes[index] = await checkOne(checker, jobs[index]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(FILES_IN_FLIGHT, jobs.length) }, lane));
  return outcomes;
}

async function checkOne(checker: FileChecker, job: FileJob): Promise<FileOutcome> {
  try {
    return await checker.check(job);
  } catch (error) {
    return {
      kind: 'problem',
      problem: `cannot be checked: internal error: ${error instanceof Error ? error.message : String(error)}`,
    };
  }
}

/**
 * V8's young generation for a worker thread, in MB (three semi-spaces of 32 MB). Parsing makes
 * a burst of short-lived objects per file; with Node's default (16 MB semi-spaces) the scavenges
 * come twice as often and promote more of them: garbage collection took 17-18 % of a check's CPU
 * profile, 15 % with 32 MB and 13 % with 64 MB semi-spaces. The main thread's size is set by
 * Node's flags, which a CLI does not choose.
 */
const WORKER_YOUNG_GENERATION_MB = 96;

/**
 * Checks the jobs on `threads` threads: this one (with `checker`) and `threads - 1` worker threads
 * running `script` (the bundle that calls `serveChecksIfWorker` first: dist/cli.js, dist/api.js).
 * Every thread takes a few files at a time from the same queue, so they finish together; a
 * worker is sent its next batch before it has finished the one in hand, so it never waits for
 * this thread, busy with its own files, to answer. The outcomes come back in the jobs' order.
 */
export function checkInWorkers(
  jobs: readonly FileJob[],
  threads: number,
  script: string,
  cwd: string,
  config: string | undefined,
  checker: FileChecker,
): Promise<FileOutcome[]> {
  const outcomes = new Array<FileOutcome>(jobs.length);
  let next = 0;
  const take = (): Batch | undefined => {
    if (next >= jobs.length) return undefined;
    const start = next;
    const batch = jobs.slice(start, start + JOBS_PER_MESSAGE);
    next += batch.length;
    return { start, batch };
  };
  return new Promise((resolve, reject) => {
    const workers: Worker[] = [];
    let running = 0;
    let failed = false;
    const finish = (error?: Error) => {
      if (failed) return;
      if (error) {
        failed = true;
        for (const worker of workers) void worker.terminate();
        reject(error);
      } else if (--running === 0) {
        for (const worker of workers) void worker.terminate();
        resolve(outcomes);
      }
    };
    const data: CheckWorkerData = { role: WORKER_ROLE, cwd, config };
    for (let i = 1; i < threads; i++) {
      const worker = new Worker(script, {
        workerData: data,
        stdout: false,
        stderr: false,
        resourceLimits: { maxYoungGenerationSizeMb: WORKER_YOUNG_GENERATION_MB },
      });
      workers.push(worker);
      running++;
      let pending = 0;
      const send = () => {
        const taken = take();
        if (!taken) return;
        pending++;
        worker.postMessage(taken);
      };
      worker.once('error', (error) => finish(error));
      worker.on('message', ({ start, outcomes: answers }: Answer) => {
        pending--;
        answers.forEach((outcome, k) => {
          outcomes[start + k] = outcome;
        });
        send();
        if (pending === 0) finish();
      });
      send();
      send();
      if (pending === 0) finish();
    }
    running++;
    void (async () => {
      for (let taken = take(); taken; taken = take()) {
        const answers = await checkAll(checker, taken.batch);
        answers.forEach((outcome, k) => {
          outcomes[taken.start + k] = outcome;
        });
      }
      finish();
    })().catch((error: unknown) => finish(error instanceof Error ? error : new Error(String(error))));
  });
}
