import type { z } from 'zod';
import type { CommandReply, CommandResult } from '../../domain/command';
import type { SenderLike } from '../sender';

/** The part of a runtime port the background uses; tests pass fakes. */
export interface RuntimePort {
  name: string;
  sender?: SenderLike;
  postMessage(message: unknown): void;
  disconnect(): void;
  onMessage: { addListener(listener: (message: unknown) => void): void };
  onDisconnect: { addListener(listener: () => void): void };
}

type Message = { type: string };

/**
 * One handler per message type, each given its own narrowed message and the checked sender.
 * A command returns its result; a message answered by a push (or not at all) returns nothing.
 */
export type Handlers<M extends Message, From> = {
  [K in M['type']]: (
    message: Extract<M, { type: K }>,
    from: From,
    // biome-ignore lint/suspicious/noConfusingVoidType: an async handler of a message answered by a push resolves to void.
  ) => CommandResult | void | Promise<CommandResult | void>;
};

export interface PortTable<From> {
  /** Who is on the other end, from the port's sender (never from a message); null refuses it. */
  from(port: RuntimePort): From | null;
  /**
   * Checks and runs one message. A message with a `requestId` is answered under it, a
   * refusal included; one without gets null (its answer, if any, is a push).
   */
  answer(raw: unknown, port: RuntimePort): Promise<CommandReply | null>;
}

export const UNKNOWN_TYPE = 'Frontline does not know this command.';
export const MALFORMED = 'This command is malformed.';
export const WRONG_SENDER = 'This page may not send this command.';

const requestIdOf = (raw: unknown): string | null => {
  const id = typeof raw === 'object' && raw !== null ? (raw as { requestId?: unknown }).requestId : null;
  return typeof id === 'string' && id.length > 0 && id.length <= 100 ? id : null;
};

const failure = (error: unknown): CommandResult => ({
  ok: false,
  message: error instanceof Error ? error.message : String(error),
});

/**
 * A port's handler table: the sender is checked, the type must be one the table
 * handles, the payload must validate, then the one handler for that type runs.
 * Whatever it returns (or throws) becomes the reply.
 */
export function portTable<S extends z.ZodType<Message>, From>(
  schema: S,
  from: (port: RuntimePort) => From | null,
  handlers: Handlers<z.infer<S>, From>,
): PortTable<From> {
  const run = async (raw: unknown, port: RuntimePort): Promise<CommandResult> => {
    const sender = from(port);
    if (sender === null) return { ok: false, message: WRONG_SENDER };
    const type = typeof raw === 'object' && raw !== null ? (raw as { type?: unknown }).type : undefined;
    if (typeof type !== 'string' || !Object.hasOwn(handlers, type))
      return { ok: false, message: UNKNOWN_TYPE };
    const parsed = schema.safeParse(raw);
    if (!parsed.success) return { ok: false, message: MALFORMED };
    const message = parsed.data as z.infer<S>;
    // The table is keyed by the message's own type, so this handler takes this message.
    const handler = handlers[message.type as z.infer<S>['type']] as (
      m: Message,
      f: From,
    ) => Promise<CommandResult | undefined>;
    try {
      return (await handler(message, sender)) ?? { ok: true };
    } catch (error) {
      return failure(error);
    }
  };
  return {
    from,
    async answer(raw, port) {
      const requestId = requestIdOf(raw);
      const result = await run(raw, port);
      return requestId === null ? null : { type: 'reply', requestId, ...result };
    },
  };
}
