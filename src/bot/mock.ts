import { types } from 'wechaty';
import type * as PUPPET from 'wechaty-puppet';
import { mock, PuppetMock } from 'wechaty-puppet-mock';
import type { Village } from '../villages/schema.js';
import type { Puppet } from './wechaty.js';

/** What the bot said, as residents see it: `to` is the room topic for a group message, else the person. */
export interface Said {
  to: string;
  room?: string;
  text: string;
}

export interface SayInput {
  /** A room topic, or null for a private chat with the bot. */
  room: string | null;
  from: string;
  text: string;
  mentioned?: boolean;
  /** The WeChat message id; the same id again re-delivers the same message, as WeChat can. */
  id?: string;
  /** Send a picture instead of text. */
  image?: boolean;
  /** A system notice (WeChat's own words, such as "发送消息过于频繁") rather than a person's message. */
  system?: boolean;
  /** Backdate the message (backlog after a reconnect). */
  at?: Date;
}

/**
 * A pretend WeChat for simulate, the demo and tests: wechaty-puppet-mock with the bot logged in, village groups
 * created on demand, residents speaking through the mock's own API, and every bot message observed as residents
 * would see it.
 */
export class MockWorld {
  readonly mocker = new mock.Mocker();
  readonly puppet: PuppetMock;
  readonly self: mock.ContactMock;
  private readonly contacts = new Map<string, mock.ContactMock>();
  private readonly rooms = new Map<string, mock.RoomMock>();
  private readonly listeners = new Set<(said: Said) => void>();
  /** Contact id → current display name (a rename moves it). */
  private readonly names = new Map<string, string>();
  /** Room id → contact id → group nickname (群昵称): the mock keeps none of its own. */
  private readonly nicknames = new Map<string, Map<string, string>>();
  private seq = 0;

  constructor(botName = '村小助') {
    this.puppet = new PuppetMock({ mocker: this.mocker });
    this.self = this.mocker.createContact({ name: botName });
    // The mock forgets remarks; WeChat keeps them on the contact, which is what bindings rely on.
    this.puppet.contactAlias = (async (id: string, alias?: string | null) => {
      const payload = this.mocker.cacheContactPayload.get(id);
      if (alias === undefined) return payload?.alias ?? '';
      if (payload) this.mocker.cacheContactPayload.set(id, { ...payload, alias: alias ?? '' });
    }) as PuppetMock['contactAlias'];
    const memberPayload = this.puppet.roomMemberRawPayload.bind(this.puppet);
    this.puppet.roomMemberRawPayload = async (roomId, contactId) => ({
      ...(await memberPayload(roomId, contactId)),
      roomAlias: this.nicknames.get(roomId)?.get(contactId),
    });
  }

  /** A resident is in a group, under a group nickname, from before the bot's login (WeChat says nothing of it). */
  member(topic: string, name: string, nickname?: string): void {
    const room = this.room(topic);
    const id = this.contact(name).id;
    if (!room.payload.memberIdList.includes(id)) room.payload.memberIdList.push(id);
    if (nickname) this.nicknamesOf(room.id).set(id, nickname);
  }

  /** A resident joins a group, under a group nickname if given: WeChat's room-join. */
  join(topic: string, name: string, nickname?: string): void {
    const room = this.room(topic);
    const c = this.contact(name);
    if (nickname) this.nicknamesOf(room.id).set(c.id, nickname);
    room.add(c).by(this.self);
  }

  /** Someone renames a group: WeChat's room-topic. `say` and `onSaid` go on naming it by its first topic. */
  retitle(topic: string, newTopic: string, by: string): void {
    this.room(topic).topic(newTopic).by(this.contact(by));
  }

  /** Counts the puppet's calls to `methods` (what Wechaty asks of WeChat) until `stop()`. */
  countCalls<M extends keyof PuppetMock>(methods: readonly M[]): { calls: Record<M, number>; stop(): void } {
    const puppet = this.puppet as unknown as Record<M, (...a: unknown[]) => unknown>;
    const calls = Object.fromEntries(methods.map((m) => [m, 0])) as Record<M, number>;
    const originals = methods.map((m) => [m, puppet[m]] as const);
    for (const [m, original] of originals) {
      puppet[m] = (...a) => {
        calls[m]++;
        return original.apply(this.puppet, a);
      };
    }
    return {
      calls,
      stop: () => {
        for (const [m, original] of originals) puppet[m] = original;
      },
    };
  }

  private nicknamesOf(roomId: string): Map<string, string> {
    let m = this.nicknames.get(roomId);
    if (!m) {
      m = new Map();
      this.nicknames.set(roomId, m);
    }
    return m;
  }

  /** A resident changes their WeChat name; the bot's remark on them stays. */
  async rename(from: string, to: string): Promise<void> {
    const c = this.contact(from);
    const payload = this.mocker.cacheContactPayload.get(c.id)!;
    this.mocker.cacheContactPayload.set(c.id, { ...payload, name: to });
    this.contacts.delete(from);
    this.contacts.set(to, c);
    this.names.set(c.id, to);
    await this.puppet.contactPayloadDirty(c.id);
  }

  /** The remark the bot set on a resident, as WeChat shows it. */
  remarkOf(name: string): string | undefined {
    return this.mocker.cacheContactPayload.get(this.contact(name).id)?.alias || undefined;
  }

  get wechatyPuppet(): Puppet {
    return this.puppet as unknown as Puppet;
  }

  /** Logs the bot in; call after Wechaty has started on `puppet`. */
  login(): void {
    this.mocker.login(this.self);
  }

  /**
   * The bot's WeChat as it is when a village goes live: in each village group, and friends with the committee and
   * the legal advisors (urgent alerts and reminders go to them privately).
   */
  populate(villages: readonly Village[]): void {
    for (const v of villages) {
      for (const topic of v.rooms) this.room(topic);
      for (const person of [...v.committee.members, ...v.legalAdvisors]) this.contact(person.name);
      for (const person of v.townshipContacts ?? []) this.contact(person.wechatName ?? person.name);
    }
  }

  /** Observes every message the bot sends. Returns a function that stops observing. */
  onSaid(listener: (said: Said) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  contact(name: string): mock.ContactMock {
    let c = this.contacts.get(name);
    if (!c) {
      c = this.mocker.createContact({ name });
      this.contacts.set(name, c);
      c.on('message', (msg) => {
        if (msg.talker().id === this.self.id && !msg.room())
          this.emit({ to: this.names.get(c!.id) ?? name, text: msg.text() ?? '' });
      });
    }
    return c;
  }

  room(topic: string): mock.RoomMock {
    let r = this.rooms.get(topic);
    if (!r) {
      r = this.mocker.createRoom({ topic, memberIdList: [this.self.id] });
      this.rooms.set(topic, r);
      r.on('message', (msg) => {
        if (msg.talker().id === this.self.id) this.emit({ to: topic, room: topic, text: msg.text() ?? '' });
      });
    }
    return r;
  }

  /** A resident speaks (joining the group first if needed). */
  say(input: SayInput): string {
    const talker = this.contact(input.from);
    const id = input.id ?? `m${Date.now().toString(36)}${(this.seq++).toString(36)}`;
    if (this.mocker.cacheMessagePayload.has(id)) {
      // WeChat delivering the same message again: the same id, the same payload.
      this.puppet.emit('message', { messageId: id });
      return id;
    }
    const base = {
      id,
      talkerId: talker.id,
      timestamp: (input.at ?? new Date()).getTime(),
      type: input.system ? types.Message.Unknown : input.image ? types.Message.Image : types.Message.Text,
      ...(input.image ? {} : { text: input.text }),
    };
    let payload: PUPPET.payloads.Message;
    if (input.room === null) {
      payload = { ...base, listenerId: this.self.id } as PUPPET.payloads.Message;
    } else {
      const room = this.room(input.room);
      if (!room.payload.memberIdList.includes(talker.id)) room.payload.memberIdList.push(talker.id);
      payload = {
        ...base,
        roomId: room.id,
        mentionIdList: input.mentioned ? [this.self.id] : [],
      } as PUPPET.payloads.Message;
    }
    this.mocker.MessageMock.create(payload);
    this.puppet.emit('message', { messageId: id });
    return id;
  }

  private emit(said: Said): void {
    for (const l of this.listeners) l(said);
  }
}
