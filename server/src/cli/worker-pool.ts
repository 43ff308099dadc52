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
  port.on('message', (jobs: readonly FileJob[]) => {
    void checkAll(checker, jobs).then((outcomes) => port.postMessage(outcomes));
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
 * Checks the jobs on `threads` worker threads running `script` (the bundle that calls
 * `serveChecksIfWorker` first: dist/cli.js, dist/api.js), handing out a few files at a time to
 * whichever thread is free; the outcomes come back in the jobs' order.
 */
export function checkInWorkers(
  jobs: readonly FileJob[],
  threads: number,
  script: string,
  cwd: string,
  config: string | undefined,
): Promise<FileOutcome[]> {
  const outcomes = new Array<FileOutcome>(jobs.length);
  let next = 0;
  let running = 0;
  return new Promise((resolve, reject) => {
    const workers: Worker[] = [];
    const finish = (error?: Error) => {
      for (const worker of workers) void worker.terminate();
      if (error) reject(error);
      else resolve(outcomes);
    };
    const feed = (worker: Worker) => {
      if (next >= jobs.length) {
        if (--running === 0) finish();
        return;
      }
      const start = next;
      const batch = jobs.slice(start, start + JOBS_PER_MESSAGE);
      next += batch.length;
      worker.once('message', (answers: FileOutcome[]) => {
        answers.forEach((outcome, i) => {
          outcomes[start + i] = outcome;
        });
        feed(worker);
      });
      worker.postMessage(batch);
    };
    const data: CheckWorkerData = { role: WORKER_ROLE, cwd, config };
    for (let i = 0; i < Math.min(threads, jobs.length); i++) {
      const worker = new Worker(script, { workerData: data, stdout: false, stderr: false });
      worker.once('error', (error) => finish(error));
      workers.push(worker);
      running++;
      feed(worker);
    }
    if (running === 0) finish();
  });
}
