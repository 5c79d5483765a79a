import { userInfo } from 'node:os';
import { resolve } from 'node:path';
import type { Command } from '../command.js';
import { surveysDir, UsageError, type Context } from '../cli-context.js';
import { loadPlaceLists } from '../../modules/definitions/load-surveys.js';
import { roles } from '../../modules/auth/current-user.js';
import { changeRole, createUser, disableUser, isRole, resetPassword, unlockUser, UserInputError } from '../../modules/auth/manage-users.js';
import { listUsers } from '../../modules/auth/user-repository.js';
import type { Actor } from '../../modules/audit/audit-repository.js';

const usage = [
  'sipas user add --username U --role admin|analyst|supervisor|enumerator [--province 01 ...] [--name "Full name"]',
  '       sipas user list',
  '       sipas user role --username U --role R [--province 01 ...]',
  '       sipas user password --username U',
  '       sipas user disable|enable|unlock --username U',
  '',
  'The password is read from standard input (first line), or asked for twice when typing at a terminal.',
  'It must have at least 10 characters. There is no default password.',
].join('\n');

/** Who the audit trail says did it: the operating-system user at the console. */
function cliActor(): Actor {
  let who = 'unknown';
  try {
    who = userInfo().username;
  } catch {
    // no entry in the passwd file (some containers): the audit trail still says "cli"
  }
  return { userId: null, name: `cli:${who}` };
}

/** Every province code of the reference lists (63 before the 2025 merger, 34 after). */
function knownProvinces(ctx: Context): Set<string> {
  const lists = loadPlaceLists(resolve(surveysDir(ctx.config), 'reference'));
  return new Set(Object.values(lists).flatMap((l) => l.places.map((p) => p.code)));
}

/**
 * Reads lines from the terminal without echoing them. Keystrokes typed ahead of a prompt are
 * kept for it (raw mode hands them over in one chunk).
 */
function hiddenLineReader(): { ask: (question: string) => Promise<string>; close: () => void } {
  const stdin = process.stdin;
  let pending = '';
  let waiting: { resolve: (line: string) => void; reject: (err: Error) => void; text: string } | null = null;
  const drain = (): void => {
    while (waiting && pending.length) {
      const ch = pending[0]!;
      pending = pending.slice(1);
      if (ch === '\r' || ch === '\n') {
        const w = waiting;
        waiting = null;
        process.stderr.write('\n');
        w.resolve(w.text);
      } else if (ch === '\u0003') {
        const w = waiting;
        waiting = null;
        w.reject(new UsageError('cancelled', 130));
      } else if (ch === '\u007f' || ch === '\b') waiting.text = waiting.text.slice(0, -1);
      else waiting.text += ch;
    }
  };
  const onData = (chunk: string): void => {
    pending += chunk;
    drain();
  };
  stdin.setRawMode(true);
  stdin.setEncoding('utf8');
  stdin.on('data', onData);
  stdin.resume();
  return {
    ask: (question) =>
      new Promise((resolve, reject) => {
        process.stderr.write(question);
        waiting = { resolve, reject, text: '' };
        drain();
      }),
    close: () => {
      stdin.off('data', onData);
      stdin.setRawMode(false);
      stdin.pause();
    },
  };
}

async function readPassword(ctx: Context): Promise<string> {
  if (process.stdin.isTTY) {
    const reader = hiddenLineReader();
    try {
      const first = await reader.ask('Password (at least 10 characters): ');
      const second = await reader.ask('Same password again: ');
      if (first !== second) throw new UsageError('the two passwords differ');
      return first;
    } finally {
      reader.close();
    }
  }
  const text = await ctx.io.readStdin();
  // The first line is the password; only the line break is removed (spaces are part of it).
  return text.split(/\r?\n/)[0] ?? '';
}

function provincesOf(value: unknown): string[] {
  if (value === undefined) return [];
  const list = Array.isArray(value) ? (value as string[]) : typeof value === 'string' ? [value] : [];
  return list
    .flatMap((v) => v.split(','))
    .map((v) => v.trim())
    .filter((v) => v !== '');
}

function need(value: unknown, name: string): string {
  if (typeof value !== 'string' || value.trim() === '') throw new UsageError(`--${name} is required\nusage: ${usage}`);
  return value;
}

function roleOf(value: unknown): (typeof roles)[number] {
  const role = need(value, 'role');
  if (!isRole(role)) throw new UsageError(`--role must be one of ${roles.join(', ')}`);
  return role;
}

export const userCommand: Command = {
  name: 'user',
  summary: 'create and manage staff accounts (admin, analyst, supervisor, enumerator)',
  usage,
  options: {
    username: { type: 'string' },
    role: { type: 'string' },
    province: { type: 'string', multiple: true },
    name: { type: 'string' },
  },
  async run({ positionals, values }, ctx) {
    const [action] = positionals;
    try {
      switch (action) {
        case 'add': {
          const username = need(values.username, 'username');
          const role = roleOf(values.role);
          const provinces = provincesOf(values.province);
          const known = knownProvinces(ctx);
          const db = ctx.db();
          const password = await readPassword(ctx);
          const name = typeof values.name === 'string' ? values.name : undefined;
          const user = await createUser(db, cliActor(), ctx.now(), {
            username,
            role,
            provinces,
            password,
            knownProvinces: known,
            ...(name ? { displayName: name } : {}),
          });
          ctx.io.out(`created ${user.role} "${user.username}"${user.provinces.length ? ` for provinces ${user.provinces.join(', ')}` : ''}\n`);
          return 0;
        }
        case 'list': {
          const now = ctx.now();
          for (const u of listUsers(ctx.db())) {
            const state = u.disabledAt !== null ? 'disabled' : u.lockedUntil !== null && u.lockedUntil > now ? 'locked' : 'active';
            ctx.io.out(`${u.username}\t${u.role}\t${u.provinces.length ? u.provinces.join(',') : 'all provinces'}\t${state}\t${u.displayName}\n`);
          }
          return 0;
        }
        case 'role': {
          const user = changeRole(ctx.db(), cliActor(), ctx.now(), {
            username: need(values.username, 'username'),
            role: roleOf(values.role),
            provinces: provincesOf(values.province),
            knownProvinces: knownProvinces(ctx),
          });
          ctx.io.out(`"${user.username}" is now ${user.role}${user.provinces.length ? ` for provinces ${user.provinces.join(', ')}` : ''}\n`);
          return 0;
        }
        case 'password': {
          const username = need(values.username, 'username');
          const db = ctx.db();
          await resetPassword(db, cliActor(), ctx.now(), username, await readPassword(ctx));
          ctx.io.out(`password of "${username}" changed; its sessions are ended and any lock lifted\n`);
          return 0;
        }
        case 'disable':
        case 'enable': {
          const username = need(values.username, 'username');
          disableUser(ctx.db(), cliActor(), ctx.now(), username, action === 'disable');
          ctx.io.out(`"${username}" ${action}d\n`);
          return 0;
        }
        case 'unlock': {
          const username = need(values.username, 'username');
          unlockUser(ctx.db(), cliActor(), ctx.now(), username);
          ctx.io.out(`"${username}" unlocked\n`);
          return 0;
        }
        default:
          throw new UsageError(`say what to do: add, list, role, password, disable, enable or unlock\nusage: ${usage}`);
      }
    } catch (err) {
      if (err instanceof UserInputError) throw new UsageError(err.message);
      throw err;
    }
  },
};
