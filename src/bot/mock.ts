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
