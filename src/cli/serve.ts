/**
 * `papers serve` and `papers user add`: the web app and its accounts. The web app's code (Fastify,
 * SQLite) is loaded only by these commands.
 */
import { createInterface } from 'node:readline';
import { Writable } from 'node:stream';
import { Command, InvalidArgumentError } from 'commander';
import path from 'node:path';
import type { Tool } from '../model/index.js';
import { QUEUE_OPTION_HELP, queueUrl, usageChecked } from './queue.js';


interface ServeContext {
  io: { err(text: string): void; cwd: string };
  tool: Tool;
  code: number;
  debug: boolean;
}

function portArg(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > 65535) throw new InvalidArgumentError(`found "${value}", expected a port number from 1 to 65535.`);
  return n;
}

function megabytesArg(value: string): number {
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0 || n > 1024) throw new InvalidArgumentError(`found "${value}", expected a size in MB from 1 to 1024.`);
  return n;
}

const LOOPBACK = new Set(['127.0.0.1', '::1', 'localhost']);

/** `papers serve`: runs until stopped (Ctrl+C or SIGTERM), then closes cleanly. */
export function serveCommand(program: Command, cx: ServeContext, wait: (close: () => Promise<void>) => Promise<void>): void {
  program
    .command('serve')
    .description('the web app: meetings, uploads with their problems, rebuilds with live progress, downloads')
    .option('--root <dir>', 'the folder whose meetings (meeting.yaml) and schedules (schedule.yaml) it serves', '.')
    .option('--host <address>', 'the address to listen on (anything but 127.0.0.1 is reachable from other machines)', '127.0.0.1')
    .option('--port <n>', 'the port to listen on', portArg, 8080)
    .option('--max-upload-mb <n>', 'the largest upload accepted, in MB', megabytesArg, 20)
    .option('--queue [url]', QUEUE_OPTION_HELP)
    .option('--secure-cookies', 'mark cookies Secure: set this when the app is reached over HTTPS (a proxy in front of it)')
    .addHelpText('after', '\nExamples:\n  $ papers user add jo.bloggs --role admin --root /srv/meetings\n  $ papers serve --root /srv/meetings          http://127.0.0.1:8080/\n\nEvery page needs an account: add them with `papers user add`.')
    .action(async (opts: { root: string; host: string; port: number; maxUploadMb: number; secureCookies?: boolean; queue?: string | boolean }, cmd: Command) => {
      // With --queue (or PAPERS_REDIS set), builds go to `papers worker`s through Redis; else they run here.
      const url = usageChecked(cmd, () => queueUrl(opts.queue ?? (process.env.PAPERS_REDIS ? true : undefined)));
      const web = await import('../web/index.js');
      const root = path.resolve(cx.io.cwd, opts.root);
      const store = new web.Store(web.databaseFile(root));
      const queue = url ? await web.RedisJobQueue.open(url, store, Date.now).catch((e: unknown) => (store.close(), Promise.reject(e))) : undefined;
      const app = await web.createApp({ root, store, tool: cx.tool, maxUploadBytes: Math.round(opts.maxUploadMb * 1024 * 1024), secureCookies: opts.secureCookies, queue });
      const address = await app.listen({ host: opts.host, port: opts.port });
      cx.io.err(`Serving the meetings under ${root} at ${address}/ (Ctrl+C to stop)\n`);
      cx.io.err(url ? `Builds go to the queue at ${(await import('../queue/index.js')).shownAddress(url)}: start \`papers worker\` on a machine that sees these folders.\n` : 'Builds run in this process, one at a time.\n');
      if (!LOOPBACK.has(opts.host)) cx.io.err(`Listening on ${opts.host}: other machines can reach this app. Put it behind HTTPS and use --secure-cookies.\n`);
      if (store.userCount() === 0) cx.io.err(`No accounts yet: add one with  papers user add <name> --role admin --root ${opts.root}\n`);
      await wait(async () => {
        await app.close();
        store.close();
      });
    });
}

/** A line from standard input; on a terminal, asked for without echoing what is typed. */
async function readSecret(prompt: string): Promise<string> {
  const tty = process.stdin.isTTY === true;
  let muted = false;
  const output = new Writable({
    write(chunk: Buffer, _enc, done) {
      if (!muted) process.stderr.write(chunk);
      done();
    },
  });
  const rl = createInterface({ input: process.stdin, output, terminal: tty });
  try {
    if (tty) process.stderr.write(prompt);
    muted = true;
    const line = await new Promise<string>((resolve) => {
      let got = false;
      rl.once('line', (l) => ((got = true), resolve(l)));
      rl.once('close', () => !got && resolve(''));
    });
    if (tty) process.stderr.write('\n');
    return line;
  } finally {
    rl.close();
  }
}

/** `papers user add`: an account, its password hashed with scrypt, read from standard input. */
export function userCommand(program: Command, cx: ServeContext, readPassword: (prompt: string) => Promise<string> = readSecret): void {
  const user = program.command('user').description("the web app's accounts");
  user
    .command('add')
    .description('add an account (or change its password, role and committees); the password is read from standard input')
    .argument('<name>', 'the account name people sign in with')
    .requiredOption('--role <role>', 'viewer (reads and downloads), editor (also uploads and rebuilds) or admin (also reads the audit log)', (v: string) => {
      if (!['viewer', 'editor', 'admin'].includes(v)) throw new InvalidArgumentError(`found "${v}", expected viewer, editor or admin.`);
      return v;
    })
    .option('--committee <name...>', 'limit the account to these committees’ meetings (default: every committee)')
    .option('--root <dir>', 'the folder `papers serve --root` serves', '.')
    .addHelpText('after', "\nExamples:\n  $ papers user add jo.bloggs --role editor --root /srv/meetings\n  $ printf '%s\\n' \"$PASSWORD\" | papers user add clerk --role viewer --committee Cabinet --root /srv/meetings")
    .action(async (name: string, opts: { role: 'viewer' | 'editor' | 'admin'; committee?: string[]; root: string }) => {
      if (!/^[A-Za-z0-9._@-]{1,64}$/.test(name)) {
        cx.io.err(`Cannot add the account: found "${name}", expected a name of letters, digits and . _ @ - (at most 64).\n`);
        cx.code = 1;
        return;
      }
      const password = await readPassword(`Password for ${name}: `);
      if (password.length < 12) {
        cx.io.err('Cannot add the account: the password is shorter than 12 characters. Nothing was changed.\n');
        cx.code = 1;
        return;
      }
      const web = await import('../web/index.js');
      const root = path.resolve(cx.io.cwd, opts.root);
      const store = new web.Store(web.databaseFile(root));
      try {
        const existed = store.user(name) !== undefined;
        store.addUser({ name, hash: await web.hashPassword(password), role: opts.role, committees: opts.committee ?? [] }, Date.now());
        store.audit({ at: Date.now(), user: '(command line)', action: existed ? 'account changed' : 'account added', target: name, detail: `${opts.role}${opts.committee ? `, ${opts.committee.join(', ')}` : ''}` });
        cx.io.err(`${existed ? 'Changed' : 'Added'} the account ${name} (${opts.role}${opts.committee ? `, ${opts.committee.join(', ')} only` : ''}) in ${path.relative(cx.io.cwd, web.databaseFile(root)) || web.databaseFile(root)}\n`);
      } finally {
        store.close();
      }
    });
}
