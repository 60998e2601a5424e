/** A line in the demo's simulated chat: the group, or a private chat between the bot and one resident. */
export interface ChatLine {
  seq: number;
  at: string;
  /** The room topic, or "private:<resident name>". */
  chat: string;
  from: string;
  text: string;
  fromBot: boolean;
}

/** The demo's village chat, played on the mock puppet by the CLI and shown on /demo. */
export interface DemoChat {
  rooms(): string[];
  residents(): string[];
  say(input: { from: string; text: string; room: string | null; mentioned: boolean }): Promise<void>;
  since(seq: number): ChatLine[];
}
