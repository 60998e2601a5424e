import type { Contact, Room, Wechaty } from 'wechaty';
import { createLogger } from '../log/logger.js';

const log = createLogger().child({ part: 'rooms' });

/**
 * Room topics and members' group nicknames, loaded once at login and kept fresh from room events (room-join,
 * room-leave, room-topic). Without it each message asks Wechaty for its room's topic and the talker's alias, which
 * right after a login (or a long disconnect) loads every member of the room, message after message.
 */
export class RoomBook {
  private readonly topics = new Map<string, string>();
  /** Room id → contact id → group nickname ('' when none). */
  private readonly aliases = new Map<string, Map<string, string>>();
  /** Resolves when what the book was told so far (the login's load, joins) is learned: tests, the bench. */
  ready: Promise<void> = Promise.resolve();

  constructor(bot: Wechaty) {
    // Ids change at every wechat4u login: what was known before is of no use.
    bot.on('login', () => {
      oneLoadPerRoom(bot);
      this.topics.clear();
      this.aliases.clear();
      this.ready = this.load(bot).catch((err: Error) => log.warn({ err: err.message }, 'could not load the rooms'));
    });
    bot.on('room-topic', (room, topic) => {
      this.topics.set(room.id, topic);
    });
    bot.on('room-join', (room, invitees) => {
      const learned = Promise.all(invitees.map((c) => this.learn(room, c)));
      this.ready = Promise.all([this.ready, learned]).then(() => undefined);
    });
    bot.on('room-leave', (room, leavers) => {
      for (const c of leavers) this.aliases.get(room.id)?.delete(c.id);
    });
  }

  private async load(bot: Wechaty): Promise<void> {
    const rooms = await bot.Room.findAll();
    for (const room of rooms) {
      this.topics.set(room.id, await room.topic());
      for (const member of await room.memberAll()) await this.learn(room, member);
    }
    log.info({ rooms: rooms.length }, 'rooms loaded');
  }

  private async learn(room: Room, contact: Contact): Promise<string> {
    const alias = (await room.alias(contact).catch(() => undefined)) ?? '';
    let members = this.aliases.get(room.id);
    if (!members) {
      members = new Map();
      this.aliases.set(room.id, members);
    }
    members.set(contact.id, alias);
    return alias;
  }

  async topic(room: Room): Promise<string> {
    const known = this.topics.get(room.id);
    if (known !== undefined) return known;
    const topic = await room.topic();
    this.topics.set(room.id, topic);
    return topic;
  }

  /** The talker's group nickname, or '' — asked of Wechaty only for someone not seen in this room before. */
  async alias(room: Room, talker: Contact): Promise<string> {
    return this.aliases.get(room.id)?.get(talker.id) ?? this.learn(room, talker);
  }
}

const shared = new WeakSet<object>();

/**
 * Wechaty's Room.ready() loads a room's payload and then every member's contact; each message of a room whose load
 * has not finished calls it, and each call loads the whole room again (201 contact loads for 200 members, per
 * message), so a backlog handed over at login costs seconds. Made to share the load under way: the other callers
 * wait for it. A forced sync still runs on its own. Wechaty offers no hook for this; its prototype is patched once.
 */
export function oneLoadPerRoom(bot: Wechaty): void {
  const proto = bot.Room.prototype as unknown as { ready(this: object, forceSync?: boolean): Promise<void> };
  if (shared.has(proto)) return;
  shared.add(proto);
  const ready = proto.ready;
  const loading = new WeakMap<object, Promise<void>>();
  proto.ready = function (this: object, forceSync = false) {
    if (forceSync) return ready.call(this, true);
    let load = loading.get(this);
    if (!load) {
      load = ready.call(this, false).finally(() => loading.delete(this));
      loading.set(this, load);
    }
    return load;
  };
}
